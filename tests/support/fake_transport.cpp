#include "tests/support/fake_transport.h"

#include <algorithm>

namespace gb::test {

base::Status FakeTransport::Tick() {
  if (fail_after_ == 0) {
    return base::Status::Error(base::Code::kUnavailable, fail_reason_,
                               "fake transport: " + fail_reason_);
  }
  if (fail_after_ > 0) --fail_after_;
  return base::Status::Ok();
}

base::Status FakeTransport::Write(std::span<const uint8_t> bytes, int) {
  GB_RETURN_IF_ERROR(Tick());
  written_.insert(written_.end(), bytes.begin(), bytes.end());
  return base::Status::Ok();
}

base::Result<size_t> FakeTransport::Read(std::span<uint8_t> buf, int) {
  GB_RETURN_IF_ERROR(Tick());
  if (!responder_) return size_t{0};
  std::vector<uint8_t> reply = responder_(written_);
  size_t n = std::min(reply.size(), buf.size());
  std::copy_n(reply.begin(), n, buf.begin());
  return n;
}

base::Status FakeTransport::EndJob() {
  GB_RETURN_IF_ERROR(Tick());
  ++jobs_ended_;
  return base::Status::Ok();
}

}  // namespace gb::test
