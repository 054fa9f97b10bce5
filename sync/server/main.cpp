// groupbuy-store: the store server (docs/operations-store.md).
#include <signal.h>

#include <CLI/CLI.hpp>
#include <string>

#include "core/base/log.h"
#include "sync/server/event_writer.h"
#include "sync/server/http_server.h"
#include "sync/server/live_hub.h"
#include "sync/server/rate_limiter.h"
#include "sync/server/service_notify.h"
#include "sync/server/store_backend.h"
#include "sync/store/hq_link.h"
#include "sync/store/store_dir.h"
#include "sync/uplink/uplink.h"

namespace {

using gb::base::Status;

struct Args {
  std::string dir;
  std::string listen;  // empty: store.json's
  bool plain_http = false;
  int threads = 2;
  int idle_timeout_s = 30;
  int live_idle_timeout_s = 60;
  double rate_limit = 100;  // requests a second per kiosk; burst twice that; 0: off
  int lease_block = 0;      // seats of a capped deal lent beyond use; 0: automatic
  int lease_ttl_s = 600;
  int kiosk_offline_after_s = 60;  // told to the head office as offline after this silence
  int max_connections = 4096;
  int max_live_per_token = 4;
  int writer_queue_mb = 64;
  double auth_failures = 20;  // failed token checks / enrolment attempts per address, burst
  double staff_session_idle_s = 15 * 60;
  double staff_session_max_s = 12 * 60 * 60;
};

Status Serve(const Args& a, const sigset_t& stop_signals) {
  GB_ASSIGN_OR_RETURN(gb::store::StoreDir dir, gb::store::StoreDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(
      gb::store::HostPort listen,
      gb::store::ParseHostPort(a.listen.empty() ? dir.settings().listen : a.listen));
  GB_ASSIGN_OR_RETURN(gb::store::Digest admin, dir.AdminTokenHash());
  GB_ASSIGN_OR_RETURN(auto writer_db, gb::store::StoreDb::Open(dir.db_path()));
  GB_ASSIGN_OR_RETURN(auto reader_db, gb::store::StoreDb::Open(dir.db_path()));
  // Sign-ups' signatures are checked on the I/O threads, so the one writer
  // thread only stores (signature_memo.h).
  auto memo = std::make_shared<gb::store::SignatureMemo>();
  writer_db->UseSignatureMemo(memo);
  gb::server::WriterOptions writer_options;
  writer_options.leases.block = a.lease_block;
  writer_options.leases.ttl_s = a.lease_ttl_s;
  // Extended when half of it is gone, so an online kiosk's lease never lapses.
  writer_options.leases.renew_below_s = a.lease_ttl_s / 2;
  writer_options.max_queue_bytes = static_cast<size_t>(a.writer_queue_mb) << 20;
  // systemd (packaging/systemd/): a no-op unless started as a Type=notify unit.
  auto notify = std::make_shared<gb::server::ServiceNotify>();
  writer_options.alive = [notify] { notify->Alive(); };
  GB_ASSIGN_OR_RETURN(auto writer,
                      gb::server::EventWriter::Create(std::move(writer_db), writer_options));
  GB_ASSIGN_OR_RETURN(auto backend,
                      gb::server::StoreBackend::Create(
                          std::move(reader_db), *writer, admin, dir.settings().name,
                          std::chrono::milliseconds(100),
                          {a.staff_session_idle_s, a.staff_session_max_s}));
  backend->CheckSignaturesInto(memo);
  GB_ASSIGN_OR_RETURN(std::string phone_key, dir.PhoneKeyHex());
  backend->SetPhoneKey(std::move(phone_key));
  // The hub's own connection: its 150 ms revision reads never wait for the
  // reader's lock (live_hub.h says why it polls).
  GB_ASSIGN_OR_RETURN(std::shared_ptr<gb::store::StoreDb> hub_db,
                      gb::store::StoreDb::Open(dir.db_path()));
  GB_ASSIGN_OR_RETURN(auto hub, gb::server::LiveHub::Create([hub_db] { return hub_db->Revision(); }));
  gb::server::Metrics metrics;
  metrics.AddGauge("gb_live_connections", "Open WebSocket /v1/live connections.",
                   [&hub] { return static_cast<double>(hub->connections()); });
  // A store linked to a head office syncs upward on threads of its own.
  GB_ASSIGN_OR_RETURN(std::optional<gb::store::HqLink> link, gb::store::ReadHqLink(a.dir));
  std::unique_ptr<gb::uplink::Uplink> uplink;
  if (link) {
    gb::uplink::UplinkOptions up_options;
    gb::server::StoreBackend* seen = backend.get();
    up_options.kiosks.contacts = [seen] { return seen->Contacts(); };
    up_options.kiosks.offline_after_s = a.kiosk_offline_after_s;
    GB_ASSIGN_OR_RETURN(uplink,
                        gb::uplink::Uplink::Start(a.dir, dir.db_path(), *link, up_options));
    gb::uplink::Uplink* up = uplink.get();
    metrics.AddGauge("gb_uplink_online", "1 when the last exchange with the head office worked.",
                     [up] { return up->status().online ? 1.0 : 0.0; });
    metrics.AddGauge("gb_uplink_offline_since_seconds",
                     "Unix time the head office became unreachable; 0 when online.",
                     [up] { return static_cast<double>(up->status().offline_since); });
    gb::base::LogInfo("groupbuy-store: reporting to head office \"" + link->hq_name + "\" at " +
                      link->host + ":" + std::to_string(link->port) + " as " + link->store_id);
  }
  gb::server::RateLimiter limiter({a.rate_limit, 2 * a.rate_limit});
  // Strangers: a burst of --auth-failures, then one every 2 s per address.
  gb::server::RateLimiter per_address({a.auth_failures / 40, a.auth_failures});
  gb::server::Router router(*backend, metrics, &limiter, &per_address);
  gb::server::ServerOptions options;
  options.host = listen.host;
  options.port = listen.port;
  options.tls = !a.plain_http;
  options.cert_path = dir.cert_path();
  options.key_path = dir.key_path();
  options.threads = a.threads;
  options.idle_timeout = std::chrono::seconds(a.idle_timeout_s);
  options.live = hub.get();
  options.live_idle_timeout = std::chrono::seconds(a.live_idle_timeout_s);
  options.max_connections = a.max_connections;
  options.max_live_per_token = a.max_live_per_token;
  options.metrics = &metrics;
  gb::server::StoreBackend* tokens = backend.get();
  options.kiosk_valid = [tokens](const std::string& id) { return tokens->KioskActive(id); };
  GB_ASSIGN_OR_RETURN(auto server, gb::server::HttpServer::Create(options, router));
  server->Start();
  // Tests and scripts read this line to learn the port when it was 0.
  gb::base::LogInfo(std::string("groupbuy-store: ") +
                    (dir.settings().role == "hq" ? "head office " : "") + "\"" +
                    dir.settings().name + "\" listening on " +
                    (a.plain_http ? "http://" : "https://") + listen.host + ":" +
                    std::to_string(server->port()));
  notify->Ready();
  int sig = 0;
  sigwait(&stop_signals, &sig);
  notify->Stopping();
  gb::base::LogInfo("groupbuy-store: stopping (signal " + std::to_string(sig) + ")");
  server->Stop();  // stop accepting; in-flight requests finish and are answered
  server->Wait();
  uplink.reset();  // its last exchange finishes or times out
  hub->Stop();
  writer->Stop();  // every queued batch committed
  gb::base::LogInfo("groupbuy-store: stopped");
  return Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"groupbuy-store: the store server kiosks sync with"};
  Args a;
  app.add_option("--dir", a.dir, "The store's folder (SDIR, from groupbuy-provision init-store)")
      ->required();
  app.add_option("--listen", a.listen, "HOST:PORT (default: store.json's; port 0 picks one)");
  app.add_flag("--plain-http", a.plain_http,
               "Serve plain HTTP instead of HTTPS (tests on loopback)");
  app.add_option("--threads", a.threads, "I/O threads (default 2)")->check(CLI::Range(1, 64));
  app.add_option("--idle-timeout", a.idle_timeout_s,
                 "Seconds a connection may take to send a request before it is closed (default 30)")
      ->check(CLI::Range(1, 3600));
  app.add_option("--live-idle-timeout", a.live_idle_timeout_s,
                 "Seconds a /v1/live connection may stay silent before it is dropped; it is "
                 "pinged after half of that (default 60)")
      ->check(CLI::Range(2, 3600));
  app.add_option("--rate-limit", a.rate_limit,
                 "Requests a second each kiosk may make, in bursts of twice that; 0 turns the "
                 "limit off (default 100)")
      ->check(CLI::Range(0.0, 1e9));
  app.add_option("--lease-block", a.lease_block,
                 "Seats of a capped deal lent to a kiosk beyond those it used; 0 lends "
                 "cap / (2 x kiosks), at least 1 (default 0)")
      ->check(CLI::Range(0, 1'000'000));
  app.add_option("--lease-ttl", a.lease_ttl_s,
                 "Seconds a kiosk may use its lease without reaching the server (default 600)")
      ->check(CLI::Range(60, 7 * 86400));
  app.add_option("--kiosk-offline-after", a.kiosk_offline_after_s,
                 "Seconds without a word from a kiosk after which a store linked to a head "
                 "office reports it offline there (default 60)")
      ->check(CLI::Range(1, 86400));
  app.add_option("--max-connections", a.max_connections,
                 "Connections open at once; one more is answered 503 busy and closed "
                 "(default 4096)")
      ->check(CLI::Range(1, 1'000'000));
  app.add_option("--max-live-per-token", a.max_live_per_token,
                 "Live (/v1/live) connections one token may hold open (default 4)")
      ->check(CLI::Range(1, 1000));
  app.add_option("--writer-queue-mb", a.writer_queue_mb,
                 "MiB of event batches that may wait to be stored; beyond, kiosks are answered "
                 "503 overloaded and retry (default 64)")
      ->check(CLI::Range(1, 4096));
  app.add_option("--auth-failures", a.auth_failures,
                 "Failed token checks and enrolment attempts one address may make in a burst; "
                 "then one every 2 s, else 429 (default 20; 0 turns the limit off)")
      ->check(CLI::Range(0.0, 1e6));
  app.add_option("--staff-session-idle", a.staff_session_idle_s,
                 "Seconds a staff member's store session lasts unused (default 900)")
      ->check(CLI::Range(1.0, 86400.0));
  app.add_option("--staff-session-max", a.staff_session_max_s,
                 "Seconds a staff member's store session lasts at most (default 43200)")
      ->check(CLI::Range(1.0, 7.0 * 86400.0));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  // Block the stop signals in every thread; main waits for them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  try {
    Status s = Serve(a, stop_signals);
    if (!s.ok()) {
      gb::base::LogError("groupbuy-store: error: " + s.ToString());
      return 1;
    }
  } catch (const std::exception& e) {
    gb::base::LogError(std::string("groupbuy-store: internal error: ") + e.what());
    return 1;
  }
  return 0;
}
