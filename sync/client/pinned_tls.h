// What the kiosk's HTTPS transport and its live WebSocket share: the store's
// self-signed certificate is trusted by its SHA-256 pin alone, and Asio,
// Beast and OpenSSL stream errors become one set of Status reasons.
//
// Reasons from NetStatus: "timeout", "unreachable", "reply_too_large" (a
// Beast body or header limit), "tls_failed", "connection_lost".
#pragma once

#include <openssl/ssl.h>

#include <array>
#include <boost/system/error_code.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::sync_client {

using CertPin = std::array<uint8_t, 32>;

// "AB:CD:..." or "abcd..." (64 hex digits, colons ignored) -> the pin;
// anything else is InvalidArgument "bad_endpoint".
base::Result<CertPin> ParseCertPin(std::string_view fingerprint);

// True when the peer of this completed handshake presented a certificate
// whose DER SHA-256 equals the pin (compared in constant time).
bool PeerMatchesPin(SSL* ssl, const CertPin& pin);

// The one place a network error code becomes a Status; `during` names the step.
base::Status NetStatus(const boost::system::error_code& ec, const std::string& during);

}  // namespace gb::sync_client
