# magsel sweep -o FILE --plot FILE.svg writes both files whole; a failure leaves neither.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
execute_process(COMMAND "${MAGSEL}" sweep --grades N42SH,N45SH,N38UH --vary temperature --from 80degC --to 200degC
                        --steps 25 --pc 2 --field 400kA/m -o "${WORK}/loss.csv" --plot "${WORK}/loss.svg"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sweep failed: ${rc}")
endif()
file(STRINGS "${WORK}/loss.csv" lines)
list(LENGTH lines n)
if(NOT n EQUAL 76)  # header + 3 grades × 25 temperatures
  message(FATAL_ERROR "expected 76 CSV lines, got ${n}")
endif()
file(READ "${WORK}/loss.svg" svg)
foreach(part "N42SH" "N38UH" "irreversible loss" "T [°C]" "</svg>")
  string(FIND "${svg}" "${part}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the SVG lacks ${part}")
  endif()
endforeach()
# a bad run (unknown grade) writes nothing
execute_process(COMMAND "${MAGSEL}" sweep --grades N42SH,NOPE --vary pc --from 1 --to 2 -o "${WORK}/bad.csv"
                RESULT_VARIABLE rc ERROR_QUIET)
if(NOT rc EQUAL 2 OR EXISTS "${WORK}/bad.csv")
  message(FATAL_ERROR "a failed sweep must exit 2 and write no file (exit ${rc})")
endif()
file(GLOB leftovers "${WORK}/.*")
if(leftovers)
  message(FATAL_ERROR "temporary files left: ${leftovers}")
endif()
message(STATUS "sweep files ok")
