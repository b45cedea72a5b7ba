# Issue 12's case, run by ctest: the bundled state file without any FY2021
# March row. A month with no row at all is missing, not zero: cbp_report must
# print FY2021 with no total and complete=false (the whole file gives
# 1,956,519, examples/data/SOURCES.md), and March 2021 as missing.
#   cmake -DCBP_REPORT=<exe> -DSTATE_FILE=<csv> -DWORK_DIR=<dir> -P cbp_report_missing_month.cmake
file(READ ${STATE_FILE} content)
string(REGEX REPLACE "\n2021,FYTD,MAR,[^\n]*" "" cut "${content}")
string(LENGTH "${content}" before)
string(LENGTH "${cut}" after)
if(NOT after LESS before)
    message(FATAL_ERROR "no FY2021 March row was cut from ${STATE_FILE}")
endif()
set(cut_file ${WORK_DIR}/cbp-state-without-march-2021.csv)
file(WRITE ${cut_file} "${cut}")
execute_process(COMMAND ${CBP_REPORT} --by fiscal-year --format csv ${cut_file}
                OUTPUT_VARIABLE by_year RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT by_year MATCHES "\n2020,646822,,true\n2021,,,false\n2022,2766582,,true\n")
    message(FATAL_ERROR "cbp_report --by fiscal-year (status ${status}):\n${by_year}")
endif()
execute_process(COMMAND ${CBP_REPORT} --by month ${cut_file} OUTPUT_VARIABLE by_month RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT by_month MATCHES "\n2021-03 +2021 +missing +n/a +n/a +–\n")
    message(FATAL_ERROR "cbp_report --by month (status ${status}):\n${by_month}")
endif()
execute_process(COMMAND ${CBP_REPORT} --by month --format json ${cut_file} OUTPUT_VARIABLE json RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT json MATCHES "\"year_month\": \"2021-03\", \"fiscal_year\": 2021, \"count\": null,")
    message(FATAL_ERROR "cbp_report --by month --format json (status ${status}):\n${json}")
endif()
