// libFuzzer target: a price file's text either reads or raises a magsel::Error; one that reads
// prices a few grades (with a scenario edit) to finite, positive costs, in every market.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "magsel/catalogue.hpp"
#include "magsel/economics.hpp"
#include "magsel/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto catalogue = magsel::Catalogue::builtin();
    std::optional<magsel::PriceTable> parsed;
    try {
        parsed = magsel::PriceTable::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    } catch (const magsel::Error&) {
        return 0;
    }
    for (const auto& market : parsed->markets()) {
        auto p = *parsed;
        p.select_market(market.id);
        try {
            p.apply("Dy=+50%");
        } catch (const magsel::Error&) {
        }
        for (const char* name : {"N48SH", "Y30BH", "YXG-28H", "HGT-BN8"}) {
            try {
                const auto c = magsel::cost_per_kg(catalogue.find(name), p);
                if (!std::isfinite(c.total.value()) || c.total.value() < 0.0) std::abort();
            } catch (const magsel::Error&) {
            }
        }
    }
    return 0;
}
