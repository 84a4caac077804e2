// libFuzzer target: a supply-list file's text (grades/supply.yaml's format) either reads or
// raises a magsel::Error; one that reads gives a few grades a finite supply risk in [0, 1] and
// names only elements of its lists.
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
    std::optional<magsel::SupplyData> parsed;
    try {
        parsed = magsel::SupplyData::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    } catch (const magsel::Error&) {
        return 0;
    }
    for (const char* name : {"N48SH", "Y30BH", "YXG-28H", "HGT-BN8"}) {
        const auto e = magsel::supply_exposure(catalogue.find(name), *parsed);
        if (!std::isfinite(e.supply_risk) || e.supply_risk < 0.0 || e.supply_risk > 1.0) std::abort();
    }
    return 0;
}
