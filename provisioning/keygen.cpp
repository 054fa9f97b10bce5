#include "provisioning/keygen.h"

#include <unistd.h>

#include "core/base/file_util.h"
#include "core/voucher/ed25519.h"
#include "provisioning/command.h"

namespace gb::provisioning {

base::Status WriteNewKeyPair(const std::string& dir) {
  const std::string key_path = dir + "/signing.key";
  const std::string pub_path = dir + "/signing.pub";
  // Checked up front so a refusal writes nothing at all.
  for (const std::string& p : {key_path, pub_path}) {
    if (::access(p.c_str(), F_OK) == 0) {
      return base::Status::AlreadyExists("file_exists",
                                         p + " already exists; refusing to overwrite a key");
    }
  }
  GB_RETURN_IF_ERROR(base::MakeDirs(dir, 0700));
  GB_ASSIGN_OR_RETURN(voucher::SigningKey key, voucher::SigningKey::Generate());
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(key_path, key.PrivatePem(), 0600, base::Overwrite::kNo));
  base::Status pub = base::WriteFileAtomic(pub_path, key.Public().Pem(), 0644, base::Overwrite::kNo);
  // Half a pair would make every retry refuse with file_exists: take it back.
  if (!pub.ok()) ::unlink(key_path.c_str());
  return pub;
}

void RegisterKeygen(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("keygen", "Make a new Ed25519 signing key pair");
  auto out_dir = std::make_shared<std::string>();
  cmd->add_option("--out", *out_dir, "Folder for signing.key (0600) and signing.pub")->required();
  cmd->callback([&action, out_dir] {
    action = [out_dir](std::ostream& out) -> base::Status {
      GB_RETURN_IF_ERROR(WriteNewKeyPair(*out_dir));
      out << "wrote " << *out_dir << "/signing.key (mode 0600) and " << *out_dir
          << "/signing.pub\n";
      return base::Status::Ok();
    };
  });
}

}  // namespace gb::provisioning
