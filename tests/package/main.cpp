// Uses the installed library: load the embedded catalogue, look up a grade, print a line.
#include <iostream>

#include <magsel/catalogue.hpp>
#include <magsel/thermal.hpp>

int main() {
    const auto catalogue = magsel::Catalogue::builtin();
    const auto& grade = catalogue.find("n42");
    const auto p = magsel::properties_at(grade, magsel::units::celsius(80.0));
    if (!(p.remanence.value() > 0.5)) return 1;
    std::cout << "consumer ok: " << grade.name << " Br(80 °C) = " << p.remanence.value() << " T\n";
    return 0;
}
