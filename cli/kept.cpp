#include "kept.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#if defined(__SANITIZE_ADDRESS__)
#define MAGSEL_TEAR_DOWN_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MAGSEL_TEAR_DOWN_AT_EXIT 1
#endif
#endif

namespace magsel::cli {

std::vector<std::shared_ptr<const void>>& detail::kept_values() {
    static std::vector<std::shared_ptr<const void>> values;
    return values;
}

int finish(int code) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
#ifndef MAGSEL_TEAR_DOWN_AT_EXIT
    std::_Exit(code);
#endif
    return code;
}

}  // namespace magsel::cli
