// groupbuy-provision voucher issue | verify | inspect
#include <algorithm>
#include <ctime>
#include <iomanip>
#include <sstream>

#include "core/base/file_util.h"
#include "core/base/hex.h"
#include "core/base/utc_time.h"
#include "core/voucher/codec.h"
#include "core/voucher/key_ring.h"
#include "core/voucher/short_code.h"
#include "provisioning/command.h"

namespace gb::provisioning {
namespace {

struct IssueArgs {
  std::string key_file;
  uint32_t key_id = 0;
  uint32_t deal_id = 0;
  uint64_t serial = 0;
  uint32_t price = 0;
  int64_t issued = -1;  // -1: now
  std::string terms_hash_hex = "0000000000000000";
  bool offline = false;
};

base::Result<std::array<uint8_t, 8>> ParseHex16(const std::string& hex) {
  auto bytes = base::FromHex(hex);
  if (!bytes.ok() || bytes->size() != 8) {
    return base::Status::InvalidArgument("bad_terms_hash",
                                         "--terms-hash needs exactly 16 hex digits");
  }
  std::array<uint8_t, 8> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

std::string UtcTime(uint32_t t) { return base::UtcTime(t, "%Y-%m-%dT%H:%M:%SZ"); }

void PrintFields(std::ostream& out, const voucher::Voucher& v) {
  const voucher::Body& b = v.body;
  out << "version:     " << int{b.version} << "\n"
      << "key_id:      " << b.key_id << "\n"
      << "deal_id:     " << b.deal_id << "\n"
      << "serial:      " << b.serial << "\n"
      << "issued_at:   " << b.issued_at << " (" << UtcTime(b.issued_at) << ")\n"
      << "price_minor: " << b.price_minor << "\n"
      << "terms_hash:  " << base::ToHex(b.terms_hash) << "\n"
      << "flags:       " << int{b.flags} << (b.offline() ? " (issued offline)" : " (online)")
      << "\n"
      << "short_code:  " << voucher::ShortCode(v) << "\n";
}

void RegisterIssue(CLI::App& parent, Action& action) {
  auto* cmd = parent.add_subcommand("issue", "Sign a GB1 voucher and print its text");
  auto a = std::make_shared<IssueArgs>();
  cmd->add_option("--key", a->key_file, "Private key (PKCS#8 PEM, mode 0600)")->required();
  cmd->add_option("--key-id", a->key_id, "The key's id")->required();
  cmd->add_option("--deal", a->deal_id, "Deal id")->required();
  cmd->add_option("--serial", a->serial, "Serial, unique per key id")->required();
  cmd->add_option("--price", a->price, "The most the shopper pays, in minor units")->required();
  cmd->add_option("--issued", a->issued, "Unix seconds (default: now)")
      ->check(CLI::Range(int64_t{0}, int64_t{4294967295}));
  cmd->add_option("--terms-hash", a->terms_hash_hex, "16 hex digits (default: zeros)");
  cmd->add_flag("--offline", a->offline, "Mark as issued while offline");
  cmd->callback([&action, a] {
    action = [a](std::ostream& out) -> base::Status {
      GB_ASSIGN_OR_RETURN(auto key, voucher::SigningKey::FromPemFile(a->key_file));
      GB_ASSIGN_OR_RETURN(auto hash, ParseHex16(a->terms_hash_hex));
      voucher::Body b;
      b.key_id = a->key_id;
      b.deal_id = a->deal_id;
      b.serial = a->serial;
      b.issued_at = static_cast<uint32_t>(a->issued >= 0 ? a->issued : std::time(nullptr));
      b.price_minor = a->price;
      b.terms_hash = hash;
      b.flags = a->offline ? voucher::kFlagOffline : 0;
      out << voucher::Issue(b, key) << "\n";
      return base::Status::Ok();
    };
  });
}

void RegisterVerify(CLI::App& parent, Action& action) {
  auto* cmd = parent.add_subcommand("verify", "Check a voucher's signature and print its fields");
  auto text = std::make_shared<std::string>();
  auto pub = std::make_shared<std::string>();
  auto key_id = std::make_shared<int64_t>(-1);
  cmd->add_option("text", *text, "The GB1 text as scanned")->required();
  cmd->add_option("--pub", *pub, "Public key (SubjectPublicKeyInfo PEM)")->required();
  cmd->add_option("--key-id", *key_id, "Trust --pub only for this key id (default: any)");
  cmd->callback([&action, text, pub, key_id] {
    action = [text, pub, key_id](std::ostream& out) -> base::Status {
      GB_ASSIGN_OR_RETURN(auto key, voucher::PublicKey::FromPemFile(*pub));
      voucher::KeyRing ring;
      if (*key_id >= 0) {
        ring.Add(static_cast<uint32_t>(*key_id), key);
      } else {
        // Without --key-id the given key stands for whatever id the voucher names.
        GB_ASSIGN_OR_RETURN(auto parsed, voucher::Parse(*text));
        ring.Add(parsed.body.key_id, key);
      }
      GB_ASSIGN_OR_RETURN(auto v, voucher::Verify(*text, ring));
      PrintFields(out, v);
      out << "signature:   valid\n";
      return base::Status::Ok();
    };
  });
}

void RegisterInspect(CLI::App& parent, Action& action) {
  auto* cmd = parent.add_subcommand("inspect", "Print a voucher's fields WITHOUT verifying it");
  auto text = std::make_shared<std::string>();
  auto body_out = std::make_shared<std::string>();
  auto sig_out = std::make_shared<std::string>();
  cmd->add_option("text", *text, "The GB1 text as scanned")->required();
  cmd->add_option("--body-out", *body_out, "Also write the 34 body bytes here (for openssl)");
  cmd->add_option("--sig-out", *sig_out, "Also write the 64 signature bytes here");
  cmd->callback([&action, text, body_out, sig_out] {
    action = [text, body_out, sig_out](std::ostream& out) -> base::Status {
      GB_ASSIGN_OR_RETURN(auto v, voucher::Parse(*text));
      PrintFields(out, v);
      out << "signature:   not checked\n";
      auto body = voucher::EncodeBody(v.body);
      if (!body_out->empty()) {
        GB_RETURN_IF_ERROR(base::WriteFileAtomic(
            *body_out, std::string_view(reinterpret_cast<const char*>(body.data()), body.size()),
            0644, base::Overwrite::kYes));
      }
      if (!sig_out->empty()) {
        GB_RETURN_IF_ERROR(base::WriteFileAtomic(
            *sig_out,
            std::string_view(reinterpret_cast<const char*>(v.signature.data()), v.signature.size()),
            0644, base::Overwrite::kYes));
      }
      return base::Status::Ok();
    };
  });
}

}  // namespace

void RegisterVoucher(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("voucher", "Issue, verify or inspect GB1 vouchers");
  cmd->require_subcommand(1);
  RegisterIssue(*cmd, action);
  RegisterVerify(*cmd, action);
  RegisterInspect(*cmd, action);
}

}  // namespace gb::provisioning
