#include "core/voucher/key_ring.h"

#include <gtest/gtest.h>

#include "tests/core/voucher/test_support.h"

namespace gb::voucher {
namespace {

PublicKey KeyOfVector(size_t i) {
  auto key = PublicKey::FromPem(test::Vectors()[i].public_pem);
  EXPECT_TRUE(key.ok()) << key.status().ToString();
  return *key;
}

constexpr uint32_t kRevokedAt = 1767225600;

TEST(KeyRingTest, FindsAnAddedKey) {
  KeyRing ring;
  ring.Add(7, KeyOfVector(1));
  auto key = ring.KeyFor(7, 0);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(*key, KeyOfVector(1));
  EXPECT_EQ(ring.size(), 1u);
}

TEST(KeyRingTest, UnknownIdIsUnknownKey) {
  KeyRing ring;
  ring.Add(7, KeyOfVector(1));
  auto key = ring.KeyFor(8, 0);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().reason(), "unknown_key");
  EXPECT_NE(key.status().message().find("key id 8"), std::string::npos) << key.status().message();
}

TEST(KeyRingTest, RevocationRefusesOnlyVouchersIssuedFromItsTimeOn) {
  KeyRing ring;
  ring.Add(7, KeyOfVector(1));
  ring.Revoke(7, kRevokedAt);
  EXPECT_TRUE(ring.KeyFor(7, kRevokedAt - 1).ok());
  auto at = ring.KeyFor(7, kRevokedAt);
  ASSERT_FALSE(at.ok());
  EXPECT_EQ(at.status().reason(), "revoked_key");
  EXPECT_NE(at.status().message().find("2026-01-01 00:00:00 UTC"), std::string::npos)
      << at.status().message();
  EXPECT_EQ(ring.KeyFor(7, kRevokedAt + 1).status().reason(), "revoked_key");
}

TEST(KeyRingTest, RevocationOfOneIdLeavesOthersAlone) {
  KeyRing ring;
  ring.Add(1, KeyOfVector(0));
  ring.Add(7, KeyOfVector(1));
  ring.Revoke(7, kRevokedAt);
  EXPECT_TRUE(ring.KeyFor(1, kRevokedAt + 1).ok());
}

TEST(KeyRingTest, ReAddingARevokedIdDoesNotLiftTheRevocation) {
  KeyRing ring;
  ring.Revoke(7, kRevokedAt);  // learned before the key itself
  ring.Add(7, KeyOfVector(1));
  EXPECT_EQ(ring.KeyFor(7, kRevokedAt).status().reason(), "revoked_key");
  ring.Add(7, KeyOfVector(2));
  EXPECT_EQ(ring.KeyFor(7, kRevokedAt).status().reason(), "revoked_key");
}

TEST(KeyRingTest, ALaterSecondRevocationKeepsTheEarlierTime) {
  KeyRing ring;
  ring.Add(7, KeyOfVector(1));
  ring.Revoke(7, kRevokedAt);
  ring.Revoke(7, kRevokedAt + 1000);
  EXPECT_EQ(ring.KeyFor(7, kRevokedAt).status().reason(), "revoked_key");
  ring.Revoke(7, kRevokedAt - 10);
  EXPECT_EQ(ring.KeyFor(7, kRevokedAt - 10).status().reason(), "revoked_key");
  EXPECT_TRUE(ring.KeyFor(7, kRevokedAt - 11).ok());
}

TEST(KeyRingTest, AddingAnIdAgainReplacesItsKey) {
  KeyRing ring;
  ring.Add(7, KeyOfVector(1));
  ring.Add(7, KeyOfVector(2));
  EXPECT_EQ(*ring.KeyFor(7, 0), KeyOfVector(2));
  EXPECT_EQ(ring.size(), 1u);
}

}  // namespace
}  // namespace gb::voucher
