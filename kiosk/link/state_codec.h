// DecodeState: the body of GET /v1/state (docs/sync-protocol.md) as the
// kiosk ledger stores it (kiosk/ledger/remote_state.h). Pure: no I/O.
//
// `origin` is this kiosk: its share of each deal (by_kiosk[origin]) is taken
// out of the server's totals, because the ledger counts its own pledges
// itself. Members this version does not know are ignored (the server may add
// some); missing or mistyped ones are the error "bad_state" naming the
// member, e.g. "deals[2].committed must be an integer >= 0". A deal whose
// terms do not validate is the rules' error with the deal's index.
// "leases" (this kiosk's quota leases, all of them) is optional: absent, the
// RemoteState's leases are nullopt and the kiosk keeps those it has.
// "pledges" (changes to the pledges this kiosk issued) is optional too;
// within an entry, "deposit", "refund" and "redemption" are null or absent
// when that has not happened, e.g. "pledges[0].deposit.amount must be an
// integer >= 0".
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "kiosk/ledger/remote_state.h"

namespace gb::link {

base::Result<ledger::RemoteState> DecodeState(std::string_view body, std::string_view origin);

}  // namespace gb::link
