import AdjointCommandLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(runAdjointCommand(Array(CommandLine.arguments.dropFirst())))
