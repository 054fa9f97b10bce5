// The memory OpenSSL itself needs per server-side TLS connection, measured
// in the same run as the store (make bench's live part): the floor under
// any server that keeps TLS connections open, ours or another.
//
// TlsFloorKiB forks a client process that opens `n` TLS connections over
// socketpairs; this process accepts them with an SSL_CTX set up as the
// store's (TLS 1.2+, SSL_MODE_RELEASE_BUFFERS, the store's certificate and
// key), completes each handshake, exchanges one byte each way so every
// connection is idle as a live kiosk's is, and returns the growth of its
// resident memory divided by n, in KiB. Nothing else (no Asio, no Beast, no
// HTTP) is counted. Returns a negative number, with a message on stderr,
// when it could not be measured.
#pragma once

#include <string>

namespace gb::bench {

double TlsFloorKiB(int n, const std::string& cert_path, const std::string& key_path);

}  // namespace gb::bench
