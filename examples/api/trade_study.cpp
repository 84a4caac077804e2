// A small trade study through magsel's C++ API: how do a few SH/UH/EH grades hold up from
// 80 to 200 °C in a circuit with Pc = 2 and a 400 kA/m short-circuit field?
// Prints CSV: grade, temperature, Br, Hcj, working field, irreversible loss, cost per kg.
//
// Build against an installed magsel:   find_package(magsel) + target_link_libraries(... magsel::magsel)
#include <cstdio>
#include <exception>

#include <magsel/catalogue.hpp>
#include <magsel/demag.hpp>
#include <magsel/economics.hpp>

int main() {
    using namespace magsel;
    try {
        const auto catalogue = Catalogue::builtin();           // the grades/ data, embedded
        const auto prices = PriceTable::builtin();             // dated raw-material prices
        const LoadLine circuit{2.0, 400e3 * units::ampere_per_metre};  // Pc 2, Ha 400 kA/m

        std::printf("grade,temperature_degC,remanence_T,intrinsic_coercivity_kA_m,working_field_kA_m,"
                    "irreversible_loss_percent,cost_usd_per_kg\n");
        for (const char* name : {"N42SH", "N38UH", "N35EH"}) {
            const Grade& grade = catalogue.find(name);          // throws UsageError if unknown
            const double cost = cost_per_kg(grade, prices).total.value();
            for (const auto& t : temperature_grid(units::celsius(80.0), units::celsius(200.0), 20.0 * units::kelvin)) {
                const DemagCurve curve = curve_at(grade, t);     // minimum (guaranteed) values
                const WorkingPoint w = working_point(curve, circuit);
                std::printf("%s,%.0f,%.4f,%.1f,%.1f,%.3f,%.2f\n", grade.name.c_str(), units::to_celsius(t),
                            curve.remanence().value(), curve.intrinsic_coercivity().value() / 1000.0,
                            w.working_field.value() / 1000.0, w.irreversible_loss * 100.0, cost);
            }
        }
        return 0;
    } catch (const std::exception& e) {  // magsel::Error and its kinds derive from std::exception
        std::fprintf(stderr, "trade_study: %s\n", e.what());
        return 2;
    }
}
