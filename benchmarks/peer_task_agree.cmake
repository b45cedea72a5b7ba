# ctest helper: peer_task prints the same bytes with 1 and with 2 threads.
# cmake -DPEER_TASK=... -DINPUT=... -P peer_task_agree.cmake
foreach(threads 1 2)
    execute_process(COMMAND ${PEER_TASK} ${INPUT} ${threads}
                    OUTPUT_VARIABLE out_${threads} RESULT_VARIABLE rc_${threads})
    if(NOT rc_${threads} EQUAL 0)
        message(FATAL_ERROR "peer_task ${INPUT} ${threads} failed: ${rc_${threads}}")
    endif()
endforeach()
string(LENGTH "${out_1}" length)
if(length LESS 1000)
    message(FATAL_ERROR "peer_task printed too little: ${out_1}")
endif()
if(NOT out_1 STREQUAL out_2)
    message(FATAL_ERROR "peer_task: 1 and 2 threads differ")
endif()
message(STATUS "peer_task: 1 and 2 threads agree (${length} bytes)")
