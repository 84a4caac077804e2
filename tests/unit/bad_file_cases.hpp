// bad_file_cases.hpp — the bad-input catalogues' common check: every file in a directory of
// tests/data/bad/ says on its first line what it must give (`# expect: LINE:COL: message part`,
// 0:0 for errors without a position); loading it must throw that InputError.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>

#include "magsel/error.hpp"

/// Load every file of `directory` with `load` and check its expectation; returns the count.
inline std::size_t check_bad_files(const std::filesystem::path& directory,
                                   const std::function<void(const std::string&)>& load) {
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        const auto path = entry.path();
        std::ifstream in(path);
        std::string first;
        std::getline(in, first);
        static const std::regex pattern(R"(# expect: (\d+):(\d+): (.+))");
        std::smatch m;
        CAPTURE(path.filename().string());
        REQUIRE(std::regex_match(first, m, pattern));
        try {
            load(path.string());
            FAIL("no error for " << path.filename().string());
        } catch (const magsel::InputError& e) {
            CAPTURE(e.what());
            CHECK(e.where().file == path.string());
            CHECK(e.where().line == std::stoi(m[1]));
            CHECK(e.where().column == std::stoi(m[2]));
            CHECK_THAT(e.message(), Catch::Matchers::Contains(m[3]));
            if (e.where().line > 0) CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains("^"));  // the caret
        }
        ++count;
    }
    return count;
}
