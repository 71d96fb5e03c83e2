/* log.h: one-line log messages to stderr with a UTC timestamp. */
#ifndef LW_LOG_H
#define LW_LOG_H
void log_msg(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_info(...) log_msg("info", __VA_ARGS__)
#define log_warn(...) log_msg("warn", __VA_ARGS__)
#define log_error(...) log_msg("error", __VA_ARGS__)
extern int log_quiet; /* set by the CLI for commands whose output is for people */
#endif
