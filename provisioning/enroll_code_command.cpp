// groupbuy-provision enroll-code | revoke | reinstate: the store's side of networked
// enrolment (docs/operations.md "Enrolling a kiosk with a code").
//
// enroll-code makes a one-time GBE1 code (sync/protocol/enroll_code.h): the
// address kiosks dial, the store certificate's fingerprint and 16 random
// bytes of secret, of which the store database keeps only the SHA-256 and
// the expiry. The code is the last line of standard output, alone, so
// scripts take it with `tail -n 1`; --qr and --printer show it as a QR code.
// The code is a credential until used or expired: the PNG is written 0600.
#include <openssl/rand.h>

#include <charconv>
#include <ctime>

#include "core/base/file_util.h"
#include "core/base/hex.h"
#include "core/base/utc_time.h"
#include "drivers/escpos/qr.h"
#include "drivers/virtual/gray_image.h"
#include "drivers/virtual/png_codec.h"
#include "provisioning/command.h"
#include "provisioning/printer_job.h"
#include "sync/protocol/enroll_code.h"
#include "sync/store/store_db.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {
namespace {

constexpr int64_t kMaxTtlSeconds = 7 * 86400;
constexpr int kPngModulePixels = 8;

struct CodeArgs {
  std::string dir;
  std::string ttl = "15m";
  std::string address;  // HOST:PORT kiosks dial; default: the listen address
  std::string qr_file;
  std::string printer;
  std::string profile;
};

struct RevokeArgs {
  std::string dir;
  std::string kiosk;
};

// "90", "90s", "15m", "2h", "1d" -> seconds, within 1 s .. 7 days.
base::Result<int64_t> ParseTtl(const std::string& text) {
  auto bad = [&] {
    return base::Status::InvalidArgument(
        "bad_ttl", "--ttl '" + text +
                       "' must be a whole number with s, m, h or d (e.g. 15m), "
                       "from 1s to 7d");
  };
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end == text.data() || n <= 0) return bad();
  const std::string unit(end, text.data() + text.size());
  const int64_t scale = unit.empty() || unit == "s" ? 1
                        : unit == "m"               ? 60
                        : unit == "h"               ? 3600
                        : unit == "d"               ? 86400
                                                    : 0;
  if (scale == 0 || n > kMaxTtlSeconds / scale) return bad();
  return n * scale;
}


base::Status WriteQrPng(const std::string& path, const std::string& code) {
  GB_ASSIGN_OR_RETURN(escpos::Bitmap modules, escpos::EncodeQrModules(code, escpos::QrEcLevel::kM));
  virtual_printer::GrayImage image =
      virtual_printer::ToGray(escpos::RasterizeQr(modules, kPngModulePixels));
  GB_ASSIGN_OR_RETURN(std::string png, virtual_printer::EncodePng(image));
  return base::WriteFileAtomic(path, png, 0600, base::Overwrite::kYes);
}

base::Result<std::string> PrintCode(const CodeArgs& a, const std::string& store_name,
                                    const std::string& code, int64_t expires_at, bool hq) {
  return PrintJob(a.printer, a.profile, [&](escpos::Builder& b) -> base::Status {
    b.Initialize().SetAlign(escpos::Align::kCenter).SetBold(true).Text(hq ? "Store link" : "Kiosk enrolment").Feed(1);
    b.SetBold(false).Text(store_name.size() > 40 ? store_name.substr(0, 40) : store_name).Feed(1);
    GB_RETURN_IF_ERROR(b.RasterQr(code));
    b.Text(hq ? "For link-store --code. One use only." : "Scan on the new kiosk. One use only.")
        .Feed(1);
    b.Text("Valid until " + base::UtcTime(expires_at)).Feed(1);
    b.SetAlign(escpos::Align::kLeft).Text(code).Feed(2);
    b.Cut();
    return base::Status::Ok();
  });
}

base::Status MakeCode(const CodeArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(int64_t ttl, ParseTtl(a.ttl));
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(store::HostPort hp, KioskAddress(a.address, s));
  GB_ASSIGN_OR_RETURN(std::string fingerprint, s.CertFingerprint());
  GB_ASSIGN_OR_RETURN(std::vector<uint8_t> cert, base::FromHex(fingerprint));
  protocol::EnrollCode code;
  code.host = hp.host;
  code.port = hp.port;
  std::copy(cert.begin(), cert.end(), code.cert_sha256.begin());
  if (RAND_bytes(code.secret.data(), static_cast<int>(code.secret.size())) != 1) {
    return base::Status::Internal("no_randomness", "the system gave no random bytes");
  }
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  code.expires_at = now + ttl;
  GB_ASSIGN_OR_RETURN(std::string text, protocol::EncodeEnrollCode(code));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, store::StoreDb::Open(s.db_path()));
  store::EnrollCodeRecord rec;
  rec.secret_sha256 = store::Sha256(
      std::string_view(reinterpret_cast<const char*>(code.secret.data()), code.secret.size()));
  rec.store_name = s.settings().name;
  rec.created_at = now;
  rec.expires_at = code.expires_at;
  // Stored before it is shown: a code that was printed always works.
  GB_RETURN_IF_ERROR(db->AddEnrollCode(rec));
  // A head office's code links a store (link-store --code); a store's enrols a kiosk.
  const bool hq = s.settings().role == "hq";
  out << "enrolment code for one " << (hq ? "store to link to" : "kiosk of") << " \""
      << s.settings().name << "\", valid until "
      << base::UtcTime(code.expires_at) << "; the kiosk dials " << hp.host << ":" << hp.port << "\n";
  if (!a.qr_file.empty()) {
    GB_RETURN_IF_ERROR(WriteQrPng(a.qr_file, text));
    out << "QR code written to " << a.qr_file << " (mode 0600)\n";
  }
  if (!a.printer.empty()) {
    GB_ASSIGN_OR_RETURN(std::string printed,
                        PrintCode(a, s.settings().name, text, code.expires_at, hq));
    out << "printed on " << printed << "\n";
  }
  out << text << "\n";
  return base::Status::Ok();
}

base::Status Revoke(const RevokeArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, store::StoreDb::Open(s.db_path()));
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  GB_ASSIGN_OR_RETURN(store::Revocation r, db->RevokeKiosk(a.kiosk, now));
  if (r.already) {
    out << "kiosk " << a.kiosk << " was already revoked at " << base::UtcTime(r.revoked_at) << "\n";
  } else {
    out << "kiosk " << a.kiosk << " revoked at " << base::UtcTime(r.revoked_at)
        << ": its token no longer works, and vouchers its key signs from now on do not verify\n";
  }
  return base::Status::Ok();
}

// A suspended kiosk (a clone was seen) may not rotate its key nor use the
// till routes until an admin, having dealt with the copy, reinstates it;
// it should then rotate its key at once (docs/security.md).
base::Status Reinstate(const RevokeArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, store::StoreDb::Open(s.db_path()));
  GB_ASSIGN_OR_RETURN(bool was, db->Reinstate(a.kiosk));
  if (!was) {
    out << "kiosk " << a.kiosk << " was not suspended; nothing changed\n";
  } else {
    out << "kiosk " << a.kiosk << " reinstated: it may use the tills again; rotate its key now "
        << "(groupbuy-provision rotate-key on the kiosk) so a copy of the old key and token "
        << "stops working\n";
  }
  return base::Status::Ok();
}

}  // namespace

void RegisterEnrollCode(CLI::App& app, Action& action) {
  auto* code = app.add_subcommand("enroll-code", "Make a one-time code that enrols one kiosk");
  auto ca = std::make_shared<CodeArgs>();
  code->add_option("--dir", ca->dir, "The store's folder (SDIR)")->required();
  code->add_option("--ttl", ca->ttl, "How long the code works: 90s, 15m, 2h, 1d (default 15m)");
  code->add_option("--address", ca->address,
                   "HOST:PORT the kiosk reaches the server at (default: the listen address)");
  code->add_option("--qr", ca->qr_file, "Also write the code as a QR image, FILE.png");
  code->add_option("--printer", ca->printer, "Also print it: png:DIR, usb, usb:VID:PID, file:PATH");
  code->add_option("--profile", ca->profile, "Printer model row for --printer");
  code->callback(
      [&action, ca] { action = [ca](std::ostream& out) { return MakeCode(*ca, out); }; });

  auto* revoke = app.add_subcommand("revoke", "Revoke a kiosk: its token and key stop working");
  auto ra = std::make_shared<RevokeArgs>();
  revoke->add_option("--dir", ra->dir, "The store's folder (SDIR)")->required();
  revoke->add_option("--kiosk", ra->kiosk, "The kiosk id (kiosk-...)")->required();
  revoke->callback(
      [&action, ra] { action = [ra](std::ostream& out) { return Revoke(*ra, out); }; });
  auto* reinstate = app.add_subcommand(
      "reinstate", "Lift a suspended kiosk's suspension (it may then rotate its key and use tills)");
  auto na = std::make_shared<RevokeArgs>();
  reinstate->add_option("--dir", na->dir, "The store's folder (SDIR)")->required();
  reinstate->add_option("--kiosk", na->kiosk, "The kiosk id (kiosk-...)")->required();
  reinstate->callback(
      [&action, na] { action = [na](std::ostream& out) { return Reinstate(*na, out); }; });
}

}  // namespace gb::provisioning
