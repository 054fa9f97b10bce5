// The kiosk's side of POST /v1/enroll (docs/sync-protocol.md): given an
// enrolment code (sync/protocol/enroll_code.h) and the kiosk's freshly made
// public key, ask the store for an identity.
//
// EndpointFor turns the code into a BeastTransport endpoint: HTTPS, pinned to
// the code's certificate fingerprint, no bearer token. The transport checks
// the pin right after the TLS handshake, before any byte of the request (and
// so the secret) is written: a wrong fingerprint fails with "pin_mismatch"
// and the server never sees the code.
//
// Enroll sends one request and is not retried: a code is good for one use,
// so a second attempt after a lost reply would only be told "code_used".
// Pure over the HttpTransport seam; not thread-safe (as the transport).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/base/result.h"
#include "sync/client/beast_transport.h"
#include "sync/client/http_transport.h"
#include "sync/protocol/enroll_code.h"

namespace gb::sync_client {

struct EnrollRequest {
  std::array<uint8_t, 16> secret{};  // the code's one-time secret
  std::string public_key_pem;        // the kiosk's Ed25519 public key
  std::string name;                  // optional, for staff (1..64 bytes)
  std::string kind = "kiosk";        // or "store": a store linking to its head office
};

struct EnrollReply {
  std::string kiosk_id;
  uint32_t key_id = 0;
  std::string token;  // the bearer token; the only copy
  std::string store_name;
  // The store's key for phone hashes, 64 hex digits (a secret: it goes to
  // KDIR/phone.key, mode 0600); empty when the store sent none.
  std::string phone_key;
  std::string state_body;  // as GET /v1/state?since=0 answers, for LedgerStateSink::Apply
};

// HTTPS to the code's host and port, pinned to its fingerprint.
ServerEndpoint EndpointFor(const protocol::EnrollCode& code, int timeout_ms = 10'000);

// Errors: the transport's ("pin_mismatch", "unreachable", "timeout", ...);
// the server's refusal with its reason and message ("code_unknown",
// "code_used", "code_expired": PermissionDenied; "bad_key", "bad_request",
// "key_enrolled": InvalidArgument; others by HTTP status); "bad_reply" when a
// 200 answer lacks a member or has one of the wrong type.
base::Result<EnrollReply> Enroll(HttpTransport& transport, const EnrollRequest& request);

// POST /v1/rotate-key over the kiosk's own transport (its token): the new
// public key replaces its current one, and the store gives the kiosk a new
// token (the old one stops working), which the kiosk must keep. `retired_key_id`
// is 0, and `token` empty, when the store already had this key as the
// kiosk's (nothing changed).
struct RotateReply {
  uint32_t key_id = 0;
  uint32_t retired_key_id = 0;
  std::string token;  // 64 hex digits, or "" (nothing changed)
};
// Errors as Enroll's: the transport's, the store's refusal with its reason
// ("kiosk_revoked", "kiosk_suspended", "key_enrolled", ...), "bad_reply"
// (also for a rotation answered without a token, or a malformed one).
base::Result<RotateReply> RotateKey(HttpTransport& transport, const std::string& public_key_pem);

}  // namespace gb::sync_client
