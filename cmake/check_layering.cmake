# Fails the build when a file includes a header from above its own level. The levels are the
# dependency order ARCHITECTURE.md draws: the CLI on top, then the writers, the page model, the
# commands' engines, the planners, the search, the model, down to util. A file may include headers of
# its own level and below, never above, so the engine builds and is tested without the CLI above it
# and no two concerns depend on each other.
#   cmake -DSOURCE_DIR=<project root> -P cmake/check_layering.cmake
#
# platform/ is one concern on three levels: the cluster a job runs on (platform.hpp, and yarn.hpp, the
# YARN settings the search emits) sits below the model; the planners that evaluate with the model and
# the search sit above the search; the requests built from user input sit above calibration.

# Ordered bottom to top; each entry is "level:regex" over paths relative to the project root.
set(levels
  "0:^(src|include/sparkfit)/util/"
  "1:^(src|include/sparkfit)/units/"
  "2:^(src|include/sparkfit)/(catalog|job|spark_conf|rules)/"
  "3:^(src|include/sparkfit)/layout/"
  "4:^(src/platform/(platform|yarn|inputs)\\.cpp|include/sparkfit/platform/(platform|yarn|inputs)\\.hpp)$"
  "5:^(src|include/sparkfit)/model/"
  "6:^(src|include/sparkfit)/eventlog/"
  "7:^(src/search/(search|space|recommend)\\.cpp|include/sparkfit/search/(search|margin)\\.hpp)$"
  "8:^(src/platform/(managed|planner|compare|pick|glue|serverless|kubernetes|yarn_planner)\\.cpp|src/platform/planners\\.hpp|include/sparkfit/platform/(managed|planner)\\.hpp)$"
  "9:^(src|include/sparkfit)/calibration/"
  "10:^(src/platform/requests\\.cpp|include/sparkfit/platform/requests\\.hpp|src/search/(planning|next_runs)\\.cpp|include/sparkfit/search/(planning|next_runs)\\.hpp)$"
  "11:^(src|include/sparkfit)/review/"
  "12:^(src|include/sparkfit)/explain/"
  "13:^(src|include/sparkfit)/report/"
  "14:^(src|include/sparkfit)/output/"
  "15:^(src|include/sparkfit)/cli/|^src/main\\.cpp$")

function(level_of path result)
  foreach(entry ${levels})
    string(FIND "${entry}" ":" colon)
    string(SUBSTRING "${entry}" 0 ${colon} level)
    math(EXPR start "${colon} + 1")
    string(SUBSTRING "${entry}" ${start} -1 pattern)
    if(path MATCHES "${pattern}")
      set(${result} ${level} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${result} "" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR}
  ${SOURCE_DIR}/src/*.cpp ${SOURCE_DIR}/src/*.hpp ${SOURCE_DIR}/include/sparkfit/*.hpp)
set(violations "")
foreach(file ${files})
  level_of("${file}" own)
  if(own STREQUAL "")
    string(APPEND violations "  ${file}: in no level of cmake/check_layering.cmake (add it where it belongs)\n")
    continue()
  endif()
  file(STRINGS ${SOURCE_DIR}/${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line ${includes})
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" header "${line}")
    # "sparkfit/x/y.hpp" is include/sparkfit/x/y.hpp; "x/y.hpp" is a private header in src/x/.
    if(header MATCHES "^sparkfit/")
      set(target "include/${header}")
    else()
      set(target "src/${header}")
    endif()
    level_of("${target}" theirs)
    if(NOT theirs STREQUAL "" AND theirs GREATER own)
      string(APPEND violations "  ${file} (level ${own}) includes ${header} (level ${theirs})\n")
    endif()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "layering: files include headers from above their level (cmake/check_layering.cmake "
                      "lists the levels; ARCHITECTURE.md explains them; move the shared code down instead):\n"
                      "${violations}")
endif()
