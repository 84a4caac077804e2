// The text boundary: what an input file may hold; text made safe for a terminal, JSON and XML.
#include <catch2/catch.hpp>

#include <string>

#include "magsel/text.hpp"
#include "report/xml_escape.hpp"

using namespace std::string_literals;

TEST_CASE("find_bad_character: UTF-8 text with tab, LF and CR passes, other bytes are found at their offset") {
    CHECK_FALSE(magsel::find_bad_character("name: N48SH\t# 150 °C, Нд\r\n"));
    const auto latin1 = magsel::find_bad_character("caf\xe9");
    REQUIRE(latin1);
    CHECK(latin1->offset == 3);
    CHECK_THAT(latin1->what, Catch::Matchers::Contains("0xE9, which is not UTF-8"));
    CHECK(magsel::find_bad_character("a\x1b[2J")->offset == 1);
    CHECK(magsel::find_bad_character("ab\0c"s)->offset == 2);
    CHECK(magsel::find_bad_character("\xC0\xAF")->offset == 0);      // overlong '/'
    CHECK(magsel::find_bad_character("x\xED\xA0\x80")->offset == 1);  // a surrogate
    CHECK(magsel::find_bad_character("\xC2\x9B")->offset == 0);      // C1 CSI
    CHECK(magsel::find_bad_character("\x7f")->offset == 0);
}

TEST_CASE("printable escapes control characters and bad bytes, keeps UTF-8 and newlines") {
    CHECK(magsel::printable("N48SH\x1b[2J") == "N48SH\\x1b[2J");
    CHECK(magsel::printable("a\0b"s) == "a\\0b");
    CHECK(magsel::printable("caf\xe9 150 °C\nnext") == "caf\\xe9 150 °C\nnext");
}

TEST_CASE("valid_utf8 and xml_escape never give invalid UTF-8 or characters XML forbids") {
    CHECK(magsel::valid_utf8("caf\xe9") == "caf\xEF\xBF\xBD");
    const auto xml = magsel::detail::xml_escape("caf\xe9 <\x01> \xEF\xBF\xBF");
    CHECK(xml == "caf\xEF\xBF\xBD &lt; &gt; \xEF\xBF\xBD");
    CHECK_FALSE(magsel::find_bad_character(xml));
}
