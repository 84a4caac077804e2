// libFuzzer target: the quantity parser must turn any bytes into a value or a UnitError.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "magsel/error.hpp"
#include "magsel/quantity_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (int d = 0; d <= static_cast<int>(magsel::Dimension::fraction); ++d) {
        try {
            const double v = magsel::parse_quantity(text, static_cast<magsel::Dimension>(d));
            if (!std::isfinite(v)) std::abort();  // a parsed value is always finite
        } catch (const magsel::UnitError&) {
        }
    }
    return 0;
}
