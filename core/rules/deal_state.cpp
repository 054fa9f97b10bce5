#include "core/rules/deal_state.h"

#include <array>
#include <string>

namespace gb::rules {
namespace {

struct Edge {
  DealState from;
  DealEvent event;
  DealState to;
};

constexpr std::array<Edge, 4> kEdges{{
    {DealState::kDraft, DealEvent::kPublish, DealState::kOpen},
    {DealState::kOpen, DealEvent::kUnlock, DealState::kUnlocked},
    {DealState::kOpen, DealEvent::kFail, DealState::kFailed},
    {DealState::kUnlocked, DealEvent::kClose, DealState::kClosed},
}};

constexpr std::array<DealState, 5> kAllStates{DealState::kDraft, DealState::kOpen,
                                             DealState::kUnlocked, DealState::kClosed,
                                             DealState::kFailed};

}  // namespace

std::string_view DealStateName(DealState s) {
  switch (s) {
    case DealState::kDraft: return "draft";
    case DealState::kOpen: return "open";
    case DealState::kUnlocked: return "unlocked";
    case DealState::kClosed: return "closed";
    case DealState::kFailed: return "failed";
  }
  return "unknown";
}

std::string_view DealEventName(DealEvent e) {
  switch (e) {
    case DealEvent::kPublish: return "publish";
    case DealEvent::kUnlock: return "unlock";
    case DealEvent::kClose: return "close";
    case DealEvent::kFail: return "fail";
  }
  return "unknown";
}

base::Result<DealState> ParseDealState(std::string_view name) {
  for (DealState s : kAllStates) {
    if (DealStateName(s) == name) return s;
  }
  return base::Status::InvalidArgument("bad_deal_state",
                                       "unknown deal state '" + std::string(name) + "'");
}

base::Result<DealState> ApplyDealEvent(DealState from, DealEvent event) {
  for (const Edge& e : kEdges) {
    if (e.from == from && e.event == event) return e.to;
  }
  return base::Status::FailedPrecondition(
      "illegal_transition", "a deal that is " + std::string(DealStateName(from)) +
                                " cannot " + std::string(DealEventName(event)));
}

DealState Advance(const Deal& deal, DealState current, const Tally& tally, int64_t now) {
  DealState s = current;
  // Unlocking is checked before failing: pledges committed in time count even
  // when the news of them arrives after the deadline (offline kiosks).
  if (s == DealState::kOpen && tally.committed >= Threshold(deal)) s = DealState::kUnlocked;
  if (s == DealState::kOpen && now >= deal.deadline) s = DealState::kFailed;
  if (s == DealState::kUnlocked && now >= EffectiveStop(deal)) s = DealState::kClosed;
  return s;
}

bool AdvanceReadsTally(DealState current) { return current == DealState::kOpen; }

bool AcceptsSignUps(const Deal& deal, DealState state, int64_t now) {
  if (deal.paused) return false;
  if (state != DealState::kOpen && state != DealState::kUnlocked) return false;
  if (now < deal.opens_at || now >= EffectiveStop(deal)) return false;
  return state == DealState::kUnlocked || now < deal.deadline;
}

}  // namespace gb::rules
