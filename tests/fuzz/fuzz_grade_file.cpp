// libFuzzer target: a grade file's text either loads or raises a magsel::Error; and every
// grade that loads gives finite properties (the temperature and knee models stay defined).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "magsel/catalogue.hpp"
#include "magsel/error.hpp"
#include "magsel/thermal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto base = magsel::Catalogue::empty();
    auto catalogue = base;
    try {
        catalogue.add_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    } catch (const magsel::Error&) {
        return 0;
    }
    for (const auto& g : catalogue.grades()) {
        for (double t : {-60.0, 20.0, 150.0, 300.0}) {
            const auto p = magsel::properties_at(g, magsel::units::celsius(t));
            if (!std::isfinite(p.remanence.value()) || !std::isfinite(p.knee_field.value()) ||
                !std::isfinite(p.max_energy_product.value()))
                std::abort();
        }
    }
    return 0;
}
