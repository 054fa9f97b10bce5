// The widget gallery: one demonstration deal card built from the toolkit's
// widgets, for rendering tests and screenshots. Not an app screen.
//
// Portrait (height > width): one card, its parts stacked. Landscape: one card
// with the texts on the left half and progress and buttons on the right.
// The Russian line keeps its dash off the start of a line with a no-break
// space (U+00A0), as Russian typography wants.
// Automation ids: gallery, deal.card, deal.title, deal.title_ru, deal.title_zh,
// deal.price, deal.progress, deal.progress_text, deal.join, deal.deposit
// (disabled).
#pragma once

#include <memory>
#include <string_view>

#include "ui/geometry.h"
#include "ui/theme.h"
#include "ui/widget.h"

namespace gb::ui::test {

inline constexpr std::string_view kGalleryRussian =
    "Оливковое масло первого холодного отжима\u00A0— совместная покупка";
inline constexpr std::string_view kGalleryChinese = "特级初榨橄榄油，满十人成团，立省三成";

std::unique_ptr<Widget> BuildGallery(Size screen, const Theme& theme);

}  // namespace gb::ui::test
