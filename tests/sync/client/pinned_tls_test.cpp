// ParseCertPin and NetStatus: the pin an installer pastes, and the reasons
// staff see when the store cannot be reached. (PeerMatchesPin runs against a
// real TLS server in beast_transport_test and the live process tests.)
#include "sync/client/pinned_tls.h"

#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

namespace gb::sync_client {
namespace {

constexpr char kHex[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

TEST(PinnedTlsTest, APinIsSixtyFourHexDigitsWithOrWithoutColons) {
  auto plain = ParseCertPin(kHex);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ((*plain)[0], 0x00);
  EXPECT_EQ((*plain)[5], 0x55);
  EXPECT_EQ((*plain)[31], 0xff);
  std::string colons;
  for (size_t i = 0; i < 64; i += 2) {
    if (i > 0) colons += ':';
    colons += std::string(kHex + i, 2);
  }
  auto pasted = ParseCertPin(colons);
  ASSERT_TRUE(pasted.ok());
  EXPECT_EQ(*pasted, *plain);
}

TEST(PinnedTlsTest, AShortLongOrNonHexPinIsRefusedByName) {
  for (std::string bad : {std::string(), std::string(kHex).substr(2), std::string(kHex) + "00",
                          "zz" + std::string(kHex).substr(2)}) {
    auto r = ParseCertPin(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().reason(), "bad_endpoint");
    EXPECT_NE(r.status().message().find("64 hex digits"), std::string::npos);
  }
}

TEST(PinnedTlsTest, NetworkErrorsBecomeTheReasonsStaffSee) {
  namespace net = boost::asio;
  EXPECT_EQ(NetStatus(net::error::connection_refused, "connecting").reason(), "unreachable");
  EXPECT_EQ(NetStatus(net::error::host_not_found, "resolving").reason(), "unreachable");
  EXPECT_EQ(NetStatus(boost::beast::error::timeout, "reading").reason(), "timeout");
  EXPECT_EQ(NetStatus(boost::beast::http::error::body_limit, "reading").reason(),
            "reply_too_large");
  EXPECT_EQ(NetStatus(net::ssl::error::stream_truncated, "reading").reason(), "tls_failed");
  base::Status lost = NetStatus(net::error::connection_reset, "reading");
  EXPECT_EQ(lost.reason(), "connection_lost");
  EXPECT_NE(lost.message().find("reading: "), std::string::npos) << "names the step";
}

}  // namespace
}  // namespace gb::sync_client
