// The two routes a kiosk's sync and till lean on most, POST /v1/redeem and
// POST /v1/events: their bodies parsed here, the answer given by the
// backend (possibly later, from the writer thread). Router contract in
// router.h.
#include "sync/protocol/ack.h"
#include "sync/protocol/batch_codec.h"
#include "sync/server/json_reply.h"
#include "sync/server/router.h"
#include "sync/server/staff_routes.h"

namespace gb::server {

void Router::Redeem(const Request& request, const Principal& who, Reply reply) {
  if (who.admin) {
    return reply(ErrorResponse(base::Status::Error(base::Code::kPermissionDenied, "kiosk_only",
                                                   "a till redeems with its kiosk's token")));
  }
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) {
    return reply(ErrorResponse(base::Status::InvalidArgument("bad_json", "the body is not JSON")));
  }
  auto bad = [](const std::string& what) {
    return ErrorResponse(base::Status::InvalidArgument("bad_request", what));
  };
  if (!body.is_object()) return reply(bad("the body must be a JSON object"));
  RedeemCall call;
  call.origin = who.kiosk_id;
  for (const auto& [key, value] : body.items()) {
    if (key == "dry_run") {
      if (!value.is_boolean()) return reply(bad("dry_run must be true or false"));
      call.dry_run = value.get<bool>();
      continue;
    }
    std::string* field = key == "voucher"      ? &call.voucher
                         : key == "short_code" ? &call.short_code
                         : key == "place"      ? &call.place
                                               : nullptr;
    if (field == nullptr) return reply(bad("unknown member " + key));
    if (!value.is_string()) return reply(bad(key + " must be a string"));
    *field = value.get<std::string>();
  }
  // A dry run is a shopper's check at the kiosk: no staff needed. A
  // redemption names the staff member who handed the goods over.
  if (!call.dry_run) {
    auto actor = RequireStaff(request, who, backend_, "", "a redemption");
    if (!actor.ok()) return reply(ErrorResponse(actor.status()));
    call.staff = actor->name;
  }
  backend_.RedeemAsync(call, [reply = std::move(reply)](base::Result<nlohmann::json> verdict) {
    reply(verdict.ok() ? JsonResponse(200, *verdict, "/v1/redeem") : ErrorResponse(verdict.status()));
  });
}

void Router::Events(const Request& request, const Principal& who, Reply reply) {
  if (who.admin) {
    return reply(ErrorResponse(base::Status::Error(base::Code::kPermissionDenied, "kiosk_only",
                                                   "events are posted with a kiosk's token")));
  }
  protocol::DecodeLimits limits;
  limits.max_body_bytes = kMaxBodyBytes;
  auto batch = protocol::DecodeBatch(request.body, limits);
  if (!batch.ok()) return reply(ErrorResponse(batch.status()));
  if (batch->origin != who.kiosk_id) {
    return reply(ErrorResponse(base::Status::Error(
        base::Code::kPermissionDenied, "wrong_origin",
        "this token belongs to " + who.kiosk_id + ", not to origin " + batch->origin)));
  }
  Metrics* metrics = &metrics_;
  const size_t bytes = request.body.size();
  backend_.SubmitEventsSized(std::move(batch).value(),
                        [metrics, reply = std::move(reply)](base::Result<EventsOutcome> out) {
                          if (!out.ok()) {
                            if (out.status().reason() == "overloaded") {
                              metrics->CountLimit("writer_queue");
                            }
                            return reply(ErrorResponse(out.status()));
                          }
                          metrics->CountEvents(out->new_events, out->duplicates, out->conflicts);
                          Response r;
                          r.body = protocol::EncodeAck({out->acked_seq});
                          reply(std::move(r));
                        },
                        bytes);
}

}  // namespace gb::server
