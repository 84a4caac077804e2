// Adding two absolute temperatures (20 °C + 150 °C) has no physical meaning and must not compile.
#include <magsel/units.hpp>

int main() {
    using namespace magsel::units;
    const Temperature a = celsius(20.0);
#ifdef MAGSEL_CONTROL
    const Temperature b = a + kelvin_difference(130.0);  // point + difference: fine
#else
    const auto b = a + celsius(150.0);                   // point + point: must not compile
#endif
    return b.value() > 0.0 ? 0 : 1;
}
