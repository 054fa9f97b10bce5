// The life of a deal: draft -> open -> unlocked -> closed, or open -> failed.
//
//   draft    --publish--> open
//   open     --unlock-->  unlocked   (committed pledges reached the threshold)
//   open     --fail-->    failed     (deadline passed below the threshold; vouchers void)
//   unlocked --close-->   closed     (the stop time passed; nothing changes any more)
//
// Every other pair is an illegal transition, returned as a typed error.
// Unlocked deals keep taking sign-ups until the stop time or the cap.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/base/result.h"
#include "core/rules/deal.h"

namespace gb::rules {

enum class DealState { kDraft, kOpen, kUnlocked, kClosed, kFailed };
enum class DealEvent { kPublish, kUnlock, kClose, kFail };

// Counts of a deal's pledges. The threshold counts committed pledges only.
struct Tally {
  int64_t committed = 0;  // active, redeemed or expired: paid or needing no deposit
  int64_t reserved = 0;   // joined, deposit not yet paid
  int64_t seats() const { return committed + reserved; }  // what the cap counts
  bool operator==(const Tally&) const = default;
};

std::string_view DealStateName(DealState s);   // "draft", "open", ...
std::string_view DealEventName(DealEvent e);   // "publish", ...
base::Result<DealState> ParseDealState(std::string_view name);

// The state after `event`, or FailedPrecondition with reason "illegal_transition".
base::Result<DealState> ApplyDealEvent(DealState from, DealEvent event);

// Applies every transition that time and tally call for, in order: unlock when
// the committed count reaches the threshold, fail when the deadline passed
// below it, close when an unlocked deal passed its stop time. A draft stays a
// draft (publishing is a person's decision); closed and failed are final.
DealState Advance(const Deal& deal, DealState current, const Tally& tally, int64_t now);
// Whether Advance(deal, current, tally, now) reads `tally` at all: only an
// open deal's count can move it. A caller that must count pledges to get a
// tally may skip the count (and pass any tally) when this is false.
bool AdvanceReadsTally(DealState current);

// True when a shopper may join now (state, time and a pause only; see CheckJoin).
bool AcceptsSignUps(const Deal& deal, DealState state, int64_t now);

}  // namespace gb::rules
