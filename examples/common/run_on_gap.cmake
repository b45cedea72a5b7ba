# Runs an example on a copy of bundled data with a month cut out ("a gap"),
# and checks what it prints: a missing month must read as missing, never as 0
# or as another month's figure (examples/CMakeLists.txt, "Missing months").
#   cmake -DOUT_DIR=dir [-DCOPY=a.csv|b.csv]
#         -DEDIT1=file.csv -DCUT1=regex [-DREPLACE1=text] [-DEDIT2=... -DCUT2=... -DREPLACE2=...]
#         -DEXPECT_STATUS=0 [-DEXPECT_STDOUT=regex] [-DREJECT_STDOUT=regex] [-DEXPECT_STDERR=regex]
#         [-DEXPECT_FILE=path -DEXPECT_FILE_REGEX=regex] -P run_on_gap.cmake -- program args...
# Each EDITn file is written to OUT_DIR under its own name with every match of
# CUTn replaced by REPLACEn (default: removed); "\n" in CUTn is a line break.
# An edit that changes nothing is an error (the test would test nothing).
include(${CMAKE_CURRENT_LIST_DIR}/command_after_dashes.cmake)
if(NOT args OR NOT DEFINED OUT_DIR)
    message(FATAL_ERROR "run_on_gap.cmake: needs -DOUT_DIR=... and a command after --")
endif()
file(REMOVE_RECURSE ${OUT_DIR})
file(MAKE_DIRECTORY ${OUT_DIR})
if(DEFINED COPY)
    string(REPLACE "|" ";" copies "${COPY}")
    file(COPY ${copies} DESTINATION ${OUT_DIR})
endif()
foreach(n 1 2)
    if(NOT DEFINED EDIT${n})
        continue()
    endif()
    file(READ "${EDIT${n}}" content)
    string(REPLACE "\\n" "\n" cut "${CUT${n}}")
    string(REGEX REPLACE "${cut}" "${REPLACE${n}}" edited "${content}")
    if(edited STREQUAL content)
        message(FATAL_ERROR "run_on_gap.cmake: '${CUT${n}}' matches nothing in ${EDIT${n}}")
    endif()
    get_filename_component(name "${EDIT${n}}" NAME)
    file(WRITE ${OUT_DIR}/${name} "${edited}")
endforeach()
execute_process(COMMAND ${args} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(seen "exit status ${status}\n--- standard output:\n${out}--- standard error:\n${err}")
if(NOT status STREQUAL "${EXPECT_STATUS}")
    message(FATAL_ERROR "expected exit status ${EXPECT_STATUS}; ${seen}")
endif()
if(DEFINED EXPECT_STDOUT AND NOT out MATCHES "${EXPECT_STDOUT}")
    message(FATAL_ERROR "expected standard output to match '${EXPECT_STDOUT}'; ${seen}")
endif()
if(DEFINED REJECT_STDOUT AND out MATCHES "${REJECT_STDOUT}")
    message(FATAL_ERROR "standard output must not match '${REJECT_STDOUT}'; ${seen}")
endif()
if(DEFINED EXPECT_STDERR AND NOT err MATCHES "${EXPECT_STDERR}")
    message(FATAL_ERROR "expected standard error to match '${EXPECT_STDERR}'; ${seen}")
endif()
if(DEFINED EXPECT_FILE)
    file(READ ${EXPECT_FILE} written)
    if(NOT written MATCHES "${EXPECT_FILE_REGEX}")
        message(FATAL_ERROR "expected ${EXPECT_FILE} to match '${EXPECT_FILE_REGEX}'")
    endif()
endif()
