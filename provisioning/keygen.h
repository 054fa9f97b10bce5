// Writing a device's Ed25519 signing key pair.
#pragma once

#include <string>

#include "core/base/status.h"

namespace gb::provisioning {

// Writes DIR/signing.key (PKCS#8 PEM, mode 0600) and DIR/signing.pub
// (SubjectPublicKeyInfo PEM, mode 0644), creating DIR with mode 0700 if
// needed. Refuses (reason "file_exists") if either file is already there, and
// then writes nothing.
base::Status WriteNewKeyPair(const std::string& dir);

}  // namespace gb::provisioning
