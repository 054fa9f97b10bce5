// Staff sessions for the router tests' in-memory backends: two sessions a
// fake store knows ("cashier-session" for Ann, "manager-session" for Vera),
// every other token refused as the real store refuses one it does not know.
#pragma once

#include <string_view>

#include "sync/server/backend.h"

namespace gb::server::testing {

inline base::Result<StaffSessionActor> FakeStaffSession(std::string_view token) {
  if (token == "cashier-session") return StaffSessionActor{"Ann", "cashier"};
  if (token == "manager-session") return StaffSessionActor{"Vera", "manager"};
  if (token == "expired-session") {
    return base::Status::Error(base::Code::kUnauthenticated, "staff_session_expired",
                               "the staff session of Ann has expired: sign in again");
  }
  return base::Status::Error(base::Code::kUnauthenticated, "staff_session_required",
                             "this till call needs a staff member signed in");
}

}  // namespace gb::server::testing
