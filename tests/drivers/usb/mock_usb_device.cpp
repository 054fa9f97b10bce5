#include "tests/drivers/usb/mock_usb_device.h"

#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>
#include <umockdev.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <optional>

namespace gb::usb::testing {
namespace {

constexpr std::uint32_t kCapabilities =
    USBDEVFS_CAP_BULK_SCATTER_GATHER | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
    USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
constexpr int kSetupBytes = 8;

UMockdevIoctlData* Resolve(UMockdevIoctlData* data, size_t offset, size_t len) {
  return umockdev_ioctl_data_resolve(data, offset, len, nullptr);
}

std::uint8_t BulkIn(const UsbDeviceSpec& spec) {
  for (const EndpointSpec& e : spec.endpoints) {
    if ((e.address & 0x80) != 0 && e.attributes == 2) return e.address;
  }
  return 0;
}

}  // namespace

MockUsbDevice::MockUsbDevice(UMockdevTestbed* testbed, UsbDeviceSpec spec, int first_devnum)
    : testbed_(testbed),
      spec_(std::move(spec)),
      interface_(spec_.kernel_driver),
      endpoints_(BulkIn(spec_)),
      next_devnum_(first_devnum) {}

MockUsbDevice::~MockUsbDevice() {
  for (auto& s : sessions_) {
    // The testbed may outlive us by a moment and still hold the handler.
    g_signal_handlers_disconnect_by_data(s->handler, s.get());
    for (Urb& u : s->pending) Release(&u);
    for (Urb& u : s->reapable) Release(&u);
    g_object_unref(s->handler);
  }
}

void MockUsbDevice::Plug() {
  auto session = std::make_unique<Session>();
  session->owner = this;
  session->handler = umockdev_ioctl_base_new();
  {
    std::lock_guard lock(mu_);
    session->devnum = next_devnum_++;
  }
  g_signal_connect_data(session->handler, "handle-ioctl", reinterpret_cast<GCallback>(&OnIoctl),
                        session.get(), nullptr, static_cast<GConnectFlags>(0));
  // The handler goes first, so the device can be opened as soon as libusb
  // hears the "add" uevent that add_from_string sends.
  umockdev_testbed_attach_ioctl(testbed_, DevNode(session->devnum).c_str(), session->handler,
                                nullptr);
  int devnum = session->devnum;
  {
    std::lock_guard lock(mu_);
    sessions_.push_back(std::move(session));
    plugged_ = true;
    interface_.Plug();
  }
  GError* error = nullptr;
  if (!umockdev_testbed_add_from_string(testbed_, UmockdevText(spec_, devnum).c_str(), &error)) {
    std::fprintf(stderr, "umockdev_testbed_add_from_string: %s\n", error->message);
    g_error_free(error);
  }
}

void MockUsbDevice::Unplug() {
  {
    std::lock_guard lock(mu_);
    if (!plugged_) return;
    Session* s = sessions_.back().get();
    s->gone = true;
    // The kernel completes what was in flight with -ENODEV.
    for (Urb& u : s->pending) {
      u.status = -ENODEV;
      u.actual = 0;
      s->reapable.push_back(std::move(u));
    }
    s->pending.clear();
    plugged_ = false;
    interface_.Unplug();
  }
  changed_.notify_all();
  // Children first, as the kernel removes them.
  std::string intf = InterfaceSyspath(spec_);
  std::string dev = DeviceSyspath(spec_);
  umockdev_testbed_uevent(testbed_, intf.c_str(), "remove");
  umockdev_testbed_remove_device(testbed_, intf.c_str());
  umockdev_testbed_uevent(testbed_, dev.c_str(), "remove");
  umockdev_testbed_remove_device(testbed_, dev.c_str());
}

int MockUsbDevice::devnum() const {
  std::lock_guard lock(mu_);
  return sessions_.empty() ? 0 : sessions_.back()->devnum;
}

void MockUsbDevice::QueueIn(std::uint8_t endpoint, std::vector<std::uint8_t> bytes) {
  std::lock_guard lock(mu_);
  endpoints_.QueueIn(endpoint, std::move(bytes));
  if (plugged_) CompleteInFromQueue(sessions_.back().get());
  changed_.notify_all();
}

void MockUsbDevice::SetStatusReply(std::uint8_t n, std::uint8_t reply) {
  std::lock_guard lock(mu_);
  endpoints_.SetStatusReply(n, reply);
}

void MockUsbDevice::StallNext(std::uint8_t endpoint) {
  std::lock_guard lock(mu_);
  endpoints_.StallNext(endpoint);
}

void MockUsbDevice::HoldOut(bool hold) {
  std::lock_guard lock(mu_);
  endpoints_.HoldOut(hold);
}

void MockUsbDevice::HoldOutAfter(size_t bytes) {
  std::lock_guard lock(mu_);
  endpoints_.HoldOutAfter(bytes);
}

void MockUsbDevice::FailClaim(int error) {
  std::lock_guard lock(mu_);
  interface_.FailClaim(error);
}

MockUsbDevice::Observed MockUsbDevice::observed() const {
  std::lock_guard lock(mu_);
  return Observed{endpoints_.written(),      endpoints_.out_transfer_sizes(), interface_.claimed(),
                  interface_.driver_bound(), interface_.driver_detaches(),    halts_cleared_};
}

bool MockUsbDevice::WaitForPending(std::uint8_t endpoint, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, timeout, [&] {
    if (!plugged_) return false;
    const auto& pending = sessions_.back()->pending;
    return std::any_of(pending.begin(), pending.end(),
                       [&](const Urb& u) { return u.endpoint == endpoint; });
  });
}

int MockUsbDevice::OnIoctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, void* session) {
  auto* s = static_cast<Session*>(session);
  {
    std::lock_guard lock(s->owner->mu_);
    s->owner->HandleIoctl(s, client);
  }
  s->owner->changed_.notify_all();
  return TRUE;  // every request gets exactly one complete() below
}

void MockUsbDevice::HandleIoctl(Session* s, UMockdevIoctlClient* client) {
  unsigned long request = umockdev_ioctl_client_get_request(client);
  UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
  switch (request) {
    case USBDEVFS_REAPURB:
    case USBDEVFS_REAPURBNDELAY:
      return Reap(s, client);
    case USBDEVFS_DISCARDURB:
      return Discard(s, client);
    default:
      break;
  }
  if (s->gone) return umockdev_ioctl_client_complete(client, -1, ENODEV);
  if (auto reply = interface_.Handle(request, arg)) {
    return umockdev_ioctl_client_complete(client, reply->result, reply->error);
  }

  switch (request) {
    case USBDEVFS_GET_CAPABILITIES: {
      UMockdevIoctlData* d = Resolve(arg, 0, sizeof(std::uint32_t));
      std::memcpy(d->data, &kCapabilities, sizeof kCapabilities);
      g_object_unref(d);
      return umockdev_ioctl_client_complete(client, 0, 0);
    }
    case USBDEVFS_CLEAR_HALT:
      ++halts_cleared_;
      return umockdev_ioctl_client_complete(client, 0, 0);
    case USBDEVFS_SUBMITURB:
      return Submit(s, client);
    default:
      return umockdev_ioctl_client_complete(client, -1, ENOTTY);
  }
}

void MockUsbDevice::Submit(Session* s, UMockdevIoctlClient* client) {
  UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
  Urb rec;
  rec.urb = Resolve(arg, 0, sizeof(usbdevfs_urb));
  auto* urb = reinterpret_cast<usbdevfs_urb*>(rec.urb->data);
  rec.type = urb->type;
  rec.endpoint = urb->endpoint;
  rec.length = urb->buffer_length;
  if (urb->buffer_length > 0) {
    rec.buffer =
        Resolve(rec.urb, offsetof(usbdevfs_urb, buffer), static_cast<size_t>(urb->buffer_length));
  }
  bool in = (rec.endpoint & 0x80) != 0;

  if (rec.type == USBDEVFS_URB_TYPE_CONTROL) {
    // The kernel refuses interface requests while another driver holds it.
    bool to_interface = rec.buffer != nullptr && (rec.buffer->data[0] & 0x1F) == 1;
    if (to_interface && interface_.driver_bound()) {
      Release(&rec);
      return umockdev_ioctl_client_complete(client, -1, EBUSY);
    }
    if (rec.length < kSetupBytes) {
      rec.status = -EPIPE;
    } else {
      ControlAnswer answer =
          AnswerControl(spec_, std::span<const std::uint8_t, 8>(rec.buffer->data, kSetupBytes));
      rec.status = answer.status;
      rec.actual = static_cast<int>(answer.data.size());
      rec.in_data = std::move(answer.data);
    }
    s->reapable.push_back(std::move(rec));
  } else if (!in) {
    std::span<const std::uint8_t> bytes;
    if (rec.buffer != nullptr) bytes = {rec.buffer->data, static_cast<size_t>(rec.length)};
    MockEndpoints::Answer answer = endpoints_.Out(rec.endpoint, bytes);
    rec.status = answer.status;
    rec.actual = answer.actual;
    (answer.now ? s->reapable : s->pending).push_back(std::move(rec));
    CompleteInFromQueue(s);  // a DLE EOT may have queued a reply
  } else if (endpoints_.TakeStall(rec.endpoint)) {
    rec.status = -EPIPE;
    s->reapable.push_back(std::move(rec));
  } else {
    s->pending.push_back(std::move(rec));
    CompleteInFromQueue(s);
  }
  umockdev_ioctl_client_complete(client, 0, 0);
}

void MockUsbDevice::Reap(Session* s, UMockdevIoctlClient* client) {
  // REAPURB would block; libusb only uses REAPURBNDELAY, so both answer now.
  if (s->reapable.empty()) {
    return umockdev_ioctl_client_complete(client, -1, s->gone ? ENODEV : EAGAIN);
  }
  Urb rec = std::move(s->reapable.front());
  s->reapable.pop_front();
  int offset = rec.type == USBDEVFS_URB_TYPE_CONTROL ? kSetupBytes : 0;
  if (!rec.in_data.empty() && rec.buffer != nullptr) {
    size_t room = static_cast<size_t>(std::max(rec.buffer->data_len - offset, 0));
    std::memcpy(rec.buffer->data + offset, rec.in_data.data(), std::min(room, rec.in_data.size()));
  }
  auto* urb = reinterpret_cast<usbdevfs_urb*>(rec.urb->data);
  urb->status = rec.status;
  urb->actual_length = rec.actual;
  UMockdevIoctlData* ptr = Resolve(umockdev_ioctl_client_get_arg(client), 0, sizeof(void*));
  umockdev_ioctl_data_set_ptr(ptr, 0, rec.urb);
  g_object_unref(ptr);
  umockdev_ioctl_client_complete(client, 0, 0);
  Release(&rec);  // the reply now holds the urb until it is written back
}

void MockUsbDevice::Discard(Session* s, UMockdevIoctlClient* client) {
  // The argument is the urb's address itself; read it before any resolve.
  gulong addr = *reinterpret_cast<gulong*>(umockdev_ioctl_client_get_arg(client)->data);
  auto it = std::find_if(s->pending.begin(), s->pending.end(),
                         [&](const Urb& u) { return u.urb->client_addr == addr; });
  if (it == s->pending.end()) return umockdev_ioctl_client_complete(client, -1, EINVAL);
  it->status = -ENOENT;
  it->actual = 0;
  s->reapable.push_back(std::move(*it));
  s->pending.erase(it);
  umockdev_ioctl_client_complete(client, 0, 0);
}

void MockUsbDevice::CompleteInFromQueue(Session* s) {
  for (auto it = s->pending.begin(); it != s->pending.end();) {
    std::optional<std::vector<std::uint8_t>> data;
    if ((it->endpoint & 0x80) != 0) data = endpoints_.TakeIn(it->endpoint);
    if (!data) {
      ++it;
      continue;
    }
    Urb rec = std::move(*it);
    it = s->pending.erase(it);
    data->resize(std::min(data->size(), static_cast<size_t>(rec.length)));
    rec.actual = static_cast<int>(data->size());
    rec.in_data = std::move(*data);
    s->reapable.push_back(std::move(rec));
  }
}

void MockUsbDevice::Release(Urb* urb) {
  if (urb->buffer != nullptr) g_object_unref(urb->buffer);
  if (urb->urb != nullptr) g_object_unref(urb->urb);
  urb->buffer = nullptr;
  urb->urb = nullptr;
}

}  // namespace gb::usb::testing
