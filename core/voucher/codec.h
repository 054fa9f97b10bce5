// The GB1 voucher codec: body + Ed25519 signature <-> "GB1:" + Base45 text.
//
//   text = "GB1:" + Base45(EncodeBody(body) || signature)     151 characters
//
// Parse and Verify take the text exactly as printed: no surrounding
// whitespace, no line terminator (a scanner driver strips its suffix first).
// Every failure carries a reason tag from the list below and a message that
// names the problem for a person. All functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/voucher/ed25519.h"
#include "core/voucher/key_ring.h"
#include "core/voucher/voucher.h"

namespace gb::voucher {

// Signs the body. REQUIRES: body.version == kVersion (Parse refuses any other).
Voucher Sign(const Body& body, const SigningKey& key);

// The voucher text (kTextSize characters) of a signed voucher.
std::string Encode(const Voucher& voucher);

// Sign then Encode: the voucher text for a body.
std::string Issue(const Body& body, const SigningKey& key);

// Decodes the text WITHOUT checking the signature: only for display and for
// looking a voucher up; never trust its fields. Checks, in this order:
//   "bad_prefix"        the text does not start with "GB1:"
//   "bad_base45"        a character outside the Base45 alphabet, or an impossible length
//   "bad_base45_triple" a triple over 65535 (or a final pair over 255)
//   "wrong_length"      the text decodes to a number of bytes other than 98
//   "unknown_version"   the version byte is not kVersion
// All are InvalidArgument.
base::Result<Voucher> Parse(std::string_view text);

// Parse, then checks against the ring, in this order:
//   "unknown_key"       the key id is not in the ring (NotFound)
//   "revoked_key"       the key was revoked at or before issued_at (PermissionDenied)
//   "bad_signature"     the signature does not match the body (Unauthenticated)
// A Voucher returned from here is genuine: issued by the holder of the key.
base::Result<Voucher> Verify(std::string_view text, const KeyRing& ring);

// As Verify, but the Ed25519 check is skipped when `checked_with` is the very
// key the ring gives for this voucher: the caller promises that this exact
// text was verified under that key (store::SignatureMemo). With any other
// key, or nullptr, the signature is checked as in Verify.
base::Result<Voucher> Verify(std::string_view text, const KeyRing& ring,
                             const PublicKey* checked_with);

}  // namespace gb::voucher
