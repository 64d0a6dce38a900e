/**
 * What sits in front of every route: API keys, CORS, body and path limits, Tomcat's error
 * valve, and the two error shapes, RFC 9457 problems ({@code ProblemWriter}) and OpenAI's
 * ({@code OpenAiError}). Used by both adapters, {@code web} and {@code openai}; uses neither.
 */
package dev.wordvec.http;
