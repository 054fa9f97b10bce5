// Keypad and keyboard taps on the join form.
#include "kiosk/app/form_input.h"

#include <gtest/gtest.h>

namespace gb::app {
namespace {

TEST(FormInputTest, KeypadEditsThePhone) {
  JoinForm f;
  f.error = "join.error.bad_phone";
  for (auto id : {"key-plus", "key-4", "key-9", "key-plus", "key-1"}) EXPECT_TRUE(ApplyKey(f, id));
  EXPECT_EQ(f.phone, "+491") << "a '+' only starts a number";
  EXPECT_TRUE(f.error.empty());
  EXPECT_TRUE(ApplyKey(f, "key-back"));
  EXPECT_EQ(f.phone, "+49");
  EXPECT_TRUE(ApplyKey(f, "key-clear"));
  EXPECT_EQ(f.phone, "");
  EXPECT_TRUE(ApplyKey(f, "key-back"));  // nothing to delete: no harm
  EXPECT_EQ(f.focus, InputFocus::kPhone);
}

TEST(FormInputTest, PhoneLengthIsBounded) {
  JoinForm f;
  for (int i = 0; i < 40; ++i) ApplyKey(f, "key-7");
  EXPECT_EQ(f.phone.size(), kMaxPhoneChars);
}

TEST(FormInputTest, KeyboardTypesNamesInBothAlphabets) {
  JoinForm f;
  for (auto id :
       {"kb-41", "kb-6e", "kb-6e", "kb-61", "kb-space", "kb-space", "kb-41f", "kb-43d", "kb-44f"}) {
    EXPECT_TRUE(ApplyKey(f, id)) << id;
  }
  EXPECT_EQ(f.name, "Anna Пня") << "one space between words";
  EXPECT_EQ(f.focus, InputFocus::kName);
  ApplyKey(f, "kb-back");
  EXPECT_EQ(f.name, "Anna Пн") << "back removes a whole code point";
}

TEST(FormInputTest, ShiftIsOneShotAndStartsEveryWord) {
  JoinForm f;
  EXPECT_TRUE(f.shift);
  ApplyKey(f, "kb-41");
  EXPECT_FALSE(f.shift);
  ApplyKey(f, "kb-space");
  EXPECT_TRUE(f.shift);
  ApplyKey(f, "kb-shift");
  EXPECT_FALSE(f.shift);
  ApplyKey(f, "kb-layout");
  EXPECT_EQ(f.alphabet, Alphabet::kCyrillic);
}

TEST(FormInputTest, ForeignIdsAndForgedKeysAreRefused) {
  JoinForm f;
  for (auto id : {"confirm", "key-", "key-10", "kb-", "kb-zz", "kb-3c", "kb-1f600", "kb-41 "}) {
    EXPECT_FALSE(ApplyKey(f, id)) << id;
  }
  EXPECT_EQ(f.name, "");
  EXPECT_EQ(f.phone, "");
}

TEST(FormInputTest, NameLengthIsBounded) {
  JoinForm f;
  for (int i = 0; i < 60; ++i) ApplyKey(f, "kb-436");  // 'ж', two bytes
  EXPECT_EQ(f.name.size(), 2 * kMaxNameCodePoints);
}

}  // namespace
}  // namespace gb::app
