// POST /v1/enroll: a new kiosk presents a one-time enrolment code's secret
// and its own Ed25519 public key, and gets its kiosk id, key id, bearer token
// and the catalog (docs/sync-protocol.md). No bearer token: the secret is
// the credential. Pure request handling, like the router (no sockets, no
// SQLite).
//
//   {"code_secret": "<32 hex digits>",
//    "public_key": "<SubjectPublicKeyInfo PEM, or the raw key as 64 hex digits>",
//    "name": "by the door"}                              (optional, 1..64 bytes)
//
// 400 "bad_json" / "bad_request" (naming the member) / "bad_key"; the
// backend's refusals: 403 "code_unknown", "code_used", "code_expired";
// 400 "key_enrolled". Thread-safe as the Backend is.
#pragma once

#include "sync/server/backend.h"
#include "sync/server/http_types.h"

namespace gb::server {

// Parses the body into an EnrollCall (the key as normalized PEM).
base::Result<EnrollCall> ParseEnrollBody(const std::string& body);

// The whole route: parse, ask the backend, answer.
Response HandleEnroll(const Request& request, Backend& backend);

// POST /v1/rotate-key, for an authenticated kiosk: {"public_key": PEM or 64
// hex digits}. The admin is refused ("kiosk_only"): a kiosk's private key
// never leaves it, so only the kiosk can ask.
Response HandleRotateKey(const Request& request, const Principal& who, Backend& backend);

}  // namespace gb::server
