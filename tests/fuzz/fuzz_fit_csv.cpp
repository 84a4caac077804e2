// libFuzzer target: `magsel fit` input (CSV) either reads or raises a magsel::Error; data that
// read are fitted, and the fit either succeeds with finite values or raises a magsel::Error.
// The reader takes file names, so each input goes through a scratch file.
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "magsel/error.hpp"
#include "magsel/fit.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/magsel-fuzz-fit-" + std::to_string(::getpid()) + ".csv";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const auto input = magsel::read_fit_data({path});
        const auto fit = magsel::fit_grade(input);
        if (!std::isfinite(fit.remanence.at_reference.value()) ||
            !std::isfinite(fit.intrinsic_coercivity.at_reference.value()))
            std::abort();
        if (fit.knee && (!std::isfinite(fit.knee->recoil_permeability) || !std::isfinite(fit.knee->squareness)))
            std::abort();
    } catch (const magsel::Error&) {
    }
    return 0;
}
