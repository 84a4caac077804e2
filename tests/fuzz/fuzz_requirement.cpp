// libFuzzer target: a requirement file's text either reads or raises a magsel::Error; one that
// reads is evaluated against a few grades without a crash or a non-finite loss.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "magsel/error.hpp"
#include "magsel/select.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto catalogue = magsel::Catalogue::builtin();
    static const auto prices = magsel::PriceTable::builtin();
    static const auto supply = magsel::SupplyData::builtin();
    magsel::Requirement r;
    try {
        r = magsel::parse_requirement(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    } catch (const magsel::Error&) {
        return 0;
    }
    // keep each run fast: a handful of grades, 5 K steps, ranges of at most 200 K
    r.temperature_step = 5.0 * magsel::units::kelvin;
    if (r.max_temperature.value() - r.min_temperature.value() > 200.0) return 0;
    for (const char* name : {"N48SH", "Y30BH", "YXG-28H", "HGT-BN8"}) {
        try {
            const auto e = magsel::evaluate(catalogue.find(name), r, prices, supply, false);
            if (e.worst_point && !(e.worst_point->irreversible_loss >= 0.0 && e.worst_point->irreversible_loss <= 1.0))
                std::abort();
        } catch (const magsel::Error&) {
        }
    }
    return 0;
}
