#include "core/base/status.h"

#include <gtest/gtest.h>

#include "core/base/result.h"

namespace gb::base {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd", std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  GB_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

Status CheckEven(int x) {
  GB_RETURN_IF_ERROR(Half(x).status());
  return Status::Ok();
}

TEST(StatusTest, OkAndErrorsPrint) {
  EXPECT_EQ(Status::Ok().ToString(), "ok");
  Status s = Status::NotFound("deal_unknown", "no deal 9");
  EXPECT_EQ(s.ToString(), "deal_unknown: no deal 9");
  EXPECT_EQ(s.WithContext("loading").ToString(), "deal_unknown: loading: no deal 9");
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(CodeName(Code::kResourceExhausted), "resource_exhausted");
}

TEST(StatusTest, MacrosReturnEarly) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().reason(), "odd");
  EXPECT_EQ(Quarter(6).status().message(), "3 is odd");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).reason(), "odd");
}

}  // namespace
}  // namespace gb::base
