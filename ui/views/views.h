// The kiosk's screens as widget trees: one function per screen, from the
// app's view model and the catalog of the shopper's language, for any size
// from portrait 1080x1920 to landscape 1920x1080. The trees carry the fixed
// automation ids of docs/automation.md. Pure: no SDL; the shell lays the
// tree out and paints it with ui/sdl.
#pragma once

#include <memory>

#include "kiosk/app/enroll_flow.h"
#include "kiosk/app/view_model.h"
#include "kiosk/i18n/catalog.h"
#include "ui/geometry.h"
#include "ui/widget.h"

namespace gb::views {

// The screen vm.screen names, framed by the top bar (languages, staff
// corner; while the printer is not ready, #printer-alert with its trouble
// in place of the brand, except where the screen itself says so: printing,
// the Printer tab) and, in the last seconds before an idle reset, the
// countdown.
std::unique_ptr<ui::Widget> BuildScreen(const app::ViewModel& vm, const i18n::Catalog& cat,
                                        ui::Size size);

// The screens' contents without the frame (each in its own file).
std::unique_ptr<ui::Widget> BuildWall(const app::ViewModel& vm, const i18n::Catalog& cat,
                                      ui::Size size);
std::unique_ptr<ui::Widget> BuildDealPage(const app::ViewModel& vm, const i18n::Catalog& cat,
                                          ui::Size size);
std::unique_ptr<ui::Widget> BuildJoin(const app::ViewModel& vm, const i18n::Catalog& cat,
                                      ui::Size size);
std::unique_ptr<ui::Widget> BuildPrinting(const app::ViewModel& vm, const i18n::Catalog& cat,
                                          ui::Size size);
std::unique_ptr<ui::Widget> BuildDone(const app::ViewModel& vm, const i18n::Catalog& cat,
                                      ui::Size size);
// Staff mode (staff_view.cpp): the PIN pad and the redeem screen.
std::unique_ptr<ui::Widget> BuildPin(const app::ViewModel& vm, const i18n::Catalog& cat,
                                     ui::Size size);
std::unique_ptr<ui::Widget> BuildRedeem(const app::ViewModel& vm, const i18n::Catalog& cat,
                                        ui::Size size);
// Staff's deals: today's counts, stop sign-ups (staff_deals_view.cpp).
std::unique_ptr<ui::Widget> BuildStaffDeals(const app::ViewModel& vm, const i18n::Catalog& cat,
                                            ui::Size size);
// Staff's Printer tab: state, test page, reprint, shelf cards (staff_printer_view.cpp).
std::unique_ptr<ui::Widget> BuildStaffPrinter(const app::ViewModel& vm, const i18n::Catalog& cat,
                                              ui::Size size);

// A shopper's voucher scanned on the wall: check and cancel (check_view.cpp).
std::unique_ptr<ui::Widget> BuildCheck(const app::ViewModel& vm, const i18n::Catalog& cat,
                                       ui::Size size);

// The enrolment screen of a kiosk with no identity yet (enroll_view.cpp),
// framed by its own top bar (languages, no staff corner): root id
// "screen-enroll", the code "enroll-code", "enroll-submit", "enroll-status"
// and the code keyboard (ui/keyboard.h kCode).
std::unique_ptr<ui::Widget> BuildEnrollScreen(const app::EnrollView& v, const i18n::Catalog& cat,
                                              ui::Size size);

// True for a landscape (wider than tall) screen.
inline bool Landscape(ui::Size size) { return size.width > size.height; }

}  // namespace gb::views
