# Included by the cmake -P scripts the example tests run: sets `args` to the
# command given after `--` on `cmake -D... -P script.cmake -- program args...`.
set(args)
set(seen_separator FALSE)
foreach(i RANGE ${CMAKE_ARGC})
    if(seen_separator AND DEFINED CMAKE_ARGV${i})
        list(APPEND args "${CMAKE_ARGV${i}}")
    elseif("${CMAKE_ARGV${i}}" STREQUAL "--")
        set(seen_separator TRUE)
    endif()
endforeach()
