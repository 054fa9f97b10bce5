#include "tests/sync/server/dashboard_page.h"

#include <gtest/gtest.h>

#include <boost/beast/core/detail/base64.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

namespace gb::test {

using nlohmann::json;
using std::chrono::milliseconds;

const char* const kReadDeals = R"js((() => {
  const out = {};
  for (const e of document.querySelectorAll("article.deal [data-field]")) {
    const deal = e.closest("[data-deal]").getAttribute("data-deal");
    const row = e.closest("[data-kiosk],[data-store]");
    let key = e.getAttribute("data-field");
    if (row) key = (row.hasAttribute("data-kiosk") ? "kiosk:" + row.getAttribute("data-kiosk")
                                                   : "store:" + row.getAttribute("data-store")) + ":" + key;
    (out[deal] = out[deal] || {})[key] = { text: e.textContent, value: e.getAttribute("data-value"),
                                          points: e.getAttribute("data-points") };
  }
  return out;
})())js";

base::Result<std::unique_ptr<DashboardPage>> DashboardPage::Launch(const std::string& profile_dir) {
  std::filesystem::create_directories(profile_dir);
  GB_ASSIGN_OR_RETURN(std::unique_ptr<ChromiumProcess> chromium,
                      ChromiumProcess::Launch(profile_dir));
  GB_ASSIGN_OR_RETURN(std::string page_ws, chromium->PageWebSocketUrl());
  GB_ASSIGN_OR_RETURN(std::unique_ptr<CdpClient> cdp, CdpClient::Connect(page_ws));
  for (const char* domain : {"Runtime.enable", "Log.enable", "Page.enable"}) {
    GB_RETURN_IF_ERROR(cdp->Call(domain).status());
  }
  GB_RETURN_IF_ERROR(
      cdp->Call("Emulation.setDeviceMetricsOverride",
                {{"width", 1280}, {"height", 900}, {"deviceScaleFactor", 1}, {"mobile", false}})
          .status());
  return std::unique_ptr<DashboardPage>(new DashboardPage(std::move(chromium), std::move(cdp)));
}

base::Status DashboardPage::IgnoreCertificateErrors() {
  return cdp_->Call("Security.setIgnoreCertificateErrors", {{"ignore", true}}).status();
}

base::Status DashboardPage::Navigate(const std::string& url) {
  return cdp_->Call("Page.navigate", {{"url", url}}).status();
}

bool DashboardPage::WaitFor(const std::string& js, milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    auto v = cdp_->Evaluate(js);
    if (v.ok() && *v == true) return true;
    std::this_thread::sleep_for(milliseconds(100));
  }
  return false;
}

json DashboardPage::Eval(const std::string& js) {
  auto v = cdp_->Evaluate(js);
  EXPECT_TRUE(v.ok()) << js << ": " << v.status().ToString();
  return v.ok() ? *v : json();
}

void DashboardPage::Screenshot(const std::string& out_dir, const std::string& name) {
  auto shot =
      cdp_->Call("Page.captureScreenshot", {{"format", "png"}, {"captureBeyondViewport", true}});
  ASSERT_TRUE(shot.ok()) << shot.status().ToString();
  const std::string b64 = (*shot)["data"].get<std::string>();
  std::string png(boost::beast::detail::base64::decoded_size(b64.size()), '\0');
  png.resize(boost::beast::detail::base64::decode(png.data(), b64.data(), b64.size()).first);
  ASSERT_EQ(png.substr(1, 3), "PNG");
  std::filesystem::create_directories(out_dir);
  const std::string path = out_dir + "/" + name;
  std::ofstream(path, std::ios::binary) << png;
  std::cout << "dashboard screenshot: " << path << std::endl;
}

std::vector<std::string> DashboardPage::Errors() {
  std::vector<std::string> out;
  for (const json& e : cdp_->TakeEvents()) {
    const std::string method = e.value("method", "");
    const json& p = e.contains("params") ? e["params"] : json::object();
    if (method == "Runtime.exceptionThrown" ||
        (method == "Runtime.consoleAPICalled" && p.value("type", "") == "error") ||
        (method == "Log.entryAdded" && p["entry"].value("level", "") == "error")) {
      out.push_back(e.dump());
    }
  }
  return out;
}

}  // namespace gb::test
