// CGS magnet units and temperature types: one test per conversion factor, each against the
// definition (1 Oe = 1000/(4π) A/m, 1 G = 1e-4 T, 1 MGOe = 1e5/(4π) J/m³), not the code.
#include <catch2/catch.hpp>

#include "magsel/units.hpp"

using namespace magsel::units;

TEST_CASE("1 Oe = 1000/(4π) A/m = 79.5775 A/m", "[units]") {
    CHECK(oersted(1.0).value() == Approx(79.57747154594767).epsilon(1e-15));
    CHECK(kilooersted(12.0).value() == Approx(954929.6585513720).epsilon(1e-15));
}

TEST_CASE("1 G = 1e-4 T, 1 kG = 0.1 T", "[units]") {
    CHECK(gauss(1.0).value() == Approx(1e-4).epsilon(1e-15));
    CHECK(kilogauss(14.5).value() == Approx(1.45).epsilon(1e-15));
}

TEST_CASE("1 MGOe = 1e5/(4π) J/m^3 = 7.957747 kJ/m^3", "[units]") {
    CHECK(megagauss_oersted(1.0).value() == Approx(7957.747154594767).epsilon(1e-14));
    CHECK(megagauss_oersted(50.0).value() / 1000.0 == Approx(397.887).epsilon(1e-6));
}

TEST_CASE("μ0 = 4π·1e-7 T·m/A", "[units]") { CHECK(mu0 == Approx(1.2566370614359173e-6).epsilon(1e-15)); }

TEST_CASE("absolute temperatures and differences", "[units]") {
    const Temperature t20 = celsius(20.0);
    CHECK(t20.value() == Approx(293.15));
    CHECK(to_celsius(t20) == Approx(20.0));
    const Temperature t150 = t20 + kelvin_difference(130.0);
    CHECK(to_celsius(t150) == Approx(150.0));
    const TemperatureDifference dt = t150 - t20;  // point − point = difference
    CHECK(dt.value() == Approx(130.0));
    CHECK(reference_temperature().value() == Approx(293.15));
}
