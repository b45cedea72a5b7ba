# bts_crossings on a synthetic BTS file of 26 calendar years (1996-2021), two
# borders and the twelve BTS measures, every port-month's value being its
# month number (January 1 ... December 12). By hand: every calendar year
# totals 1+2+...+12 = 78; FY1996 has January-September 1996 only, 45 (9/12);
# FY1997-FY2021 have October-December (33) and January-September (45), 78;
# FY2022 has October-December 2021 only, 33 (3/12).
# Checks: exit status 0, every line at most 100 characters, those figures.
#   cmake -DPROGRAM=<bts_crossings> -DWORK_DIR=<dir> -P bts_many_years.cmake
set(measures "Bus Passengers" "Buses" "Pedestrians" "Personal Vehicle Passengers" "Personal Vehicles"
    "Rail Containers Empty" "Rail Containers Full" "Train Passengers" "Trains" "Truck Containers Empty"
    "Truck Containers Full" "Trucks")
# One month of rows, written once and filled in for each month.
set(month_rows "")
foreach(measure IN LISTS measures)
    string(APPEND month_rows "Blaine,Washington,3004,US-Canada Border,@MM@/01/@YEAR@ 12:00:00 AM,${measure},@M@\n"
                             "San Ysidro,California,2504,US-Mexico Border,@MM@/01/@YEAR@ 12:00:00 AM,${measure},@M@\n")
endforeach()
file(MAKE_DIRECTORY "${WORK_DIR}")
set(file "${WORK_DIR}/bts_1996_2021.csv")
file(WRITE "${file}" "Port Name,State,Port Code,Border,Date,Measure,Value\n")
foreach(year RANGE 1996 2021)
    set(year_rows "")
    foreach(month RANGE 1 12)
        set(mm "${month}")
        if(month LESS 10)
            set(mm "0${month}")
        endif()
        string(REPLACE "@MM@" "${mm}" rows "${month_rows}")
        string(REPLACE "@YEAR@" "${year}" rows "${rows}")
        string(REPLACE "@M@" "${month}" rows "${rows}")
        string(APPEND year_rows "${rows}")
    endforeach()
    file(APPEND "${file}" "${year_rows}")
endforeach()

execute_process(COMMAND "${PROGRAM}" "${file}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status STREQUAL "0")
    message(FATAL_ERROR "exit status ${status}: ${err}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(widest 0)
foreach(line IN LISTS lines)
    string(LENGTH "${line}" n)
    if(n GREATER widest)
        set(widest ${n})
        set(widest_line "${line}")
    endif()
endforeach()
if(widest GREATER 100)
    message(FATAL_ERROR "a line is ${widest} characters wide:\n${widest_line}")
endif()
foreach(expected
        "\nCY1996 +78 +78 +78 +78 +78"
        "\nCY2021 +78 +78 +78 +78 +78"
        "\nFY1996 \\(9/12\\) +45 +45 +45"
        "\nFY2021 +78 +78 +78"
        "\nFY2022 \\(3/12\\) +33 +33 +33"
        "\n2021-12 +12 +12 +24\n")
    if(NOT out MATCHES "${expected}")
        message(FATAL_ERROR "expected the output to match '${expected}', got:\n${out}")
    endif()
endforeach()
message(STATUS "widest line: ${widest} characters")
