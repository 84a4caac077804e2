// A field strength (kOe, A/m) where a flux density (T) is wanted must not compile.
#include <magsel/units.hpp>

int main() {
    using namespace magsel::units;
#ifdef MAGSEL_CONTROL
    const FluxDensity br = kilogauss(14.0);
#else
    const FluxDensity br = kilooersted(14.0);
#endif
    return br.value() > 0.0 ? 0 : 1;
}
