# magsel fit writes a grade file (and an SVG) that `magsel validate` accepts and that
# `magsel --grades DIR grades show NAME` loads; a failed fit writes nothing.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/grades")
execute_process(COMMAND "${MAGSEL}" fit "${DATA}/fit/N42M-arnold-ansyslib.csv" --name ARNOLD-N42M-FIT
                        --family sintered-ndfeb --source-title "Arnold N42M curves (Ansys ArnoldMagnetics library)"
                        --source-url "https://github.com/Poofee/emagddm/blob/e77d5dadaf384e3049d7471b13ca59e4386407f4/docs/project/Temp.aedt"
                        --source-date undated --dy-tb 1% --dy-tb-estimated "test: an M-class guess"
                        -o "${WORK}/grades/arnold.yaml" --plot "${WORK}/arnold.svg"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fit failed (${rc}): ${err}")
endif()
message(STATUS "${err}")
execute_process(COMMAND "${MAGSEL}" validate "${WORK}/grades/arnold.yaml" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "1 grade\\(s\\): valid")
  message(FATAL_ERROR "validate: ${rc} ${out}")
endif()
execute_process(COMMAND "${MAGSEL}" --grades "${WORK}/grades" grades show ARNOLD-N42M-FIT --at 120degC --basis typ
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "Br typ 1.315 T" OR NOT out MATCHES "Br \\[T\\] +1.157")
  message(FATAL_ERROR "grades show: ${rc} ${out}")
endif()
file(READ "${WORK}/arnold.svg" svg)
foreach(part "B at 20 °C" "B at 120 °C" "</svg>")
  string(FIND "${svg}" "${part}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the SVG lacks ${part}")
  endif()
endforeach()
# a failed fit (bad input) writes nothing
execute_process(COMMAND "${MAGSEL}" fit "${DATA}/bad/fit/non-monotone-curve.csv" --name X --family ferrite
                        -o "${WORK}/bad.yaml" --plot "${WORK}/bad.svg" RESULT_VARIABLE rc ERROR_QUIET)
if(NOT rc EQUAL 2 OR EXISTS "${WORK}/bad.yaml" OR EXISTS "${WORK}/bad.svg")
  message(FATAL_ERROR "a failed fit must exit 2 and write no file (exit ${rc})")
endif()
file(GLOB leftovers "${WORK}/.*" "${WORK}/grades/.*")
if(leftovers)
  message(FATAL_ERROR "temporary files left: ${leftovers}")
endif()
