{{/* The chart name, overridable. */}}
{{- define "wordvec.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Object names: release-chart, or fullnameOverride. */}}
{{- define "wordvec.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "wordvec.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "wordvec.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "wordvec.selectorLabels" -}}
app.kubernetes.io/name: {{ include "wordvec.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "wordvec.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "wordvec.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "wordvec.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* The Secret holding API keys, when there are any. */}}
{{- define "wordvec.apiKeySecret" -}}
{{- if .Values.http.existingSecret }}{{ .Values.http.existingSecret }}{{ else if .Values.http.apiKeys }}{{ include "wordvec.fullname" . }}-api-keys{{ end }}
{{- end }}

{{/*
Memory for one pod in MiB, from the size of the model and of each of extraModels (README.md, "Memory"):
words x dimension x bytes per value (4, 2 for float16, 1 for int8), plus about 100 bytes per
word for the vocabulary (which also covers int8's 4-byte scale per word), plus a
fixed overhead for the JVM, libtorch and request buffers.
*/}}
{{- define "wordvec.memoryMiB" -}}
{{- $perValue := dict "float32" 4 "float16" 2 "int8" 1 }}
{{- $bytes := add (mul (int64 .Values.model.words) (int64 .Values.model.dimension) (get $perValue .Values.model.dtype | default 4)) (mul (int64 .Values.model.words) 100) }}
{{- range .Values.extraModels }}
{{- if eq (.kind | default "words") "contextual" }}
{{- /* A contextual model (MiniLM): its network, session and buffers, measured at 100 to 140 MiB. */}}
{{- $bytes = add $bytes (mul 200 1048576) }}
{{- else }}
{{- $bytes = add $bytes (mul (int64 .words) (int64 .dimension) (get $perValue (.dtype | default "float32") | default 4)) (mul (int64 .words) 100) }}
{{- end }}
{{- end }}
{{- add (div (add $bytes 1048575) 1048576) (int64 .Values.model.memoryOverheadMiB) }}
{{- end }}

{{/* wordvec.* settings from the values, as JSON for SPRING_APPLICATION_JSON. */}}
{{- define "wordvec.applicationJson" -}}
{{- $http := dict "max-body-size" .Values.http.maxBodySize "cors-origins" .Values.http.corsOrigins "access-log" .Values.http.accessLog }}
{{- $wordvec := dict "http" $http }}
{{- if or .Values.model.file .Values.model.source }}
{{- $model := dict "format" .Values.model.format "dtype" .Values.model.dtype "limit" .Values.model.limit }}
{{- if .Values.model.source }}
{{- $_ := set $model "source" .Values.model.source }}
{{- else }}
{{- $_ := set $model "path" (printf "/models/%s" .Values.model.file) }}
{{- end }}
{{- if .Values.model.member }}
{{- $_ := set $model "member" .Values.model.member }}
{{- end }}
{{- include "wordvec.index" (list $model .Values.model) }}
{{- include "wordvec.settings" (list $model .Values.model .Values.model.name) }}
{{- $models := dict .Values.model.name $model }}
{{- range .Values.extraModels }}
{{- if hasKey $models .name }}
{{- fail (printf "extraModels: the name %q is used twice (model.name counts too)" .name) }}
{{- end }}
{{- $extra := dict "format" (.format | default "auto") "dtype" (.dtype | default "float32") "limit" (.limit | default 0) }}
{{- if eq (.kind | default "words") "contextual" }}
{{- if and .source (or .file (not (hasPrefix "hf:" .source))) }}
{{- fail (printf "extraModels %q: a contextual model's source is a model on the Hugging Face Hub, hf:OWNER/NAME, without file; leave both unset for the built-in all-MiniLM-L6-v2, or name a directory with model.onnx and tokenizer.json in file" .name) }}
{{- end }}
{{- $extra = dict "kind" "contextual" "quantized" (.quantized | default false) }}
{{- if .source }}
{{- $_ := set $extra "source" .source }}
{{- else if .file }}
{{- if not $.Values.model.existingClaim }}
{{- fail (printf "extraModels %q: a directory is read from model.existingClaim's volume; set it" .name) }}
{{- end }}
{{- $_ := set $extra "path" (printf "/models/%s" .file) }}
{{- end }}
{{- else if and .source (not .file) }}
{{- $_ := set $extra "source" .source }}
{{- else if and .file (not .source) }}
{{- if not $.Values.model.existingClaim }}
{{- fail (printf "extraModels %q: a file is read from model.existingClaim's volume; set it, or use source" .name) }}
{{- end }}
{{- $_ := set $extra "path" (printf "/models/%s" .file) }}
{{- else }}
{{- fail (printf "extraModels %q: set one of file and source" .name) }}
{{- end }}
{{- if .member }}
{{- $_ := set $extra "member" .member }}
{{- end }}
{{- if ne (.kind | default "words") "contextual" }}
{{- include "wordvec.index" (list $extra .) }}
{{- end }}
{{- include "wordvec.settings" (list $extra . .name) }}
{{- $_ := set $models .name $extra }}
{{- end }}
{{- $_ := set $wordvec "models" $models }}
{{- $_ := set $wordvec "default-model" .Values.model.name }}
{{- else if .Values.extraModels }}
{{- fail "extraModels are served beside model: set model.file or model.source (the default model) too" }}
{{- end }}
{{- if .Values.model.mirror }}
{{- $_ := set $wordvec "catalogue" (dict "mirror" .Values.model.mirror) }}
{{- end }}
{{- dict "wordvec" $wordvec | toJson }}
{{- end }}

{{/* A model's HNSW index settings (index: hnsw) into its wordvec.models.<name> settings. */}}
{{- define "wordvec.index" -}}
{{- $settings := index . 0 }}
{{- $values := index . 1 }}
{{- if eq ($values.index | default "none") "hnsw" }}
{{- $hnsw := $values.hnsw | default dict }}
{{- $_ := set $settings "index" "hnsw" }}
{{- $_ := set $settings "hnsw" (dict "m" ($hnsw.m | default 16) "beam-width" ($hnsw.beamWidth | default 100) "ef-search" ($hnsw.efSearch | default 100)) }}
{{- end }}
{{- end }}

{{/*
A model's other wordvec.models.<name> settings (oov, case-fallback, unicode-errors, pooling,
max-tokens, ...), passed as they are; those the chart sets from its own values are refused here.
*/}}
{{- define "wordvec.settings" -}}
{{- $settings := index . 0 }}
{{- $values := index . 1 }}
{{- $name := index . 2 }}
{{- range $key, $value := ($values.settings | default dict) }}
{{- if has (lower (regexReplaceAll "[-_]" $key "")) (list "path" "source" "member" "format" "dtype" "limit" "index" "hnsw" "kind" "quantized") }}
{{- fail (printf "model %q: settings.%s is set by the chart's own value %q; set that instead" $name $key $key) }}
{{- end }}
{{- $_ := set $settings $key $value }}
{{- end }}
{{- end }}
