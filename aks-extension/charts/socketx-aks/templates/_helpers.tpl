{{- define "socketx-aks.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: socketx
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: socketx
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- /* Azure Kubernetes apps: attributes pod usage to this extension (billing). */}}
azure-extensions-usage-release-identifier: {{ .Release.Name }}
{{- end }}

{{/* Proxy image from Azure's image map (registry/image@digest, else :tag). */}}
{{- define "socketx-aks.proxyImage" -}}
{{- $img := .Values.global.azure.images.socketxProxy }}
{{- if $img.digest }}
{{- printf "%s/%s@%s" $img.registry $img.image $img.digest }}
{{- else }}
{{- printf "%s/%s:%s" $img.registry $img.image (default .Chart.AppVersion $img.tag | toString) }}
{{- end }}
{{- end }}

{{/*
The portal's domain map as a validated dict (returned as JSON). Checks what the portal cannot:
JSON syntax, each entry an object with a ws:// or wss:// "upstream" and a non-empty
"allowedOrigins" list, hosts and origins in the forms the SocketXRoute schema accepts. The
API server and the operator check the same again; failing here names the entry at install time.
*/}}
{{- define "socketx-aks.domainMap" -}}
{{- $source := "domainMap" }}
{{- $raw := .Values.domainMap | toString }}
{{- if .Values.domainMapBase64 }}
{{- $source = "domainMapBase64" }}
{{- $b64 := .Values.domainMapBase64 | toString | nospace }}
{{- if or (not (regexMatch "^[A-Za-z0-9+/]*={0,2}$" $b64)) (ne 0 (mod (len $b64) 4)) }}
{{- fail (printf "%s: not valid base64" $source) }}
{{- end }}
{{- $raw = b64dec $b64 }}
{{- end }}
{{- $map := dict }}
{{- if regexMatch "^\\s*\\{" $raw }}
{{- $map = fromJson $raw }}
{{- else }}
{{- fail (printf "%s: must be a JSON object mapping hosts to {\"upstream\": ..., \"allowedOrigins\": [...]}" $source) }}
{{- end }}
{{- if and (hasKey $map "Error") (kindIs "string" (get $map "Error")) }}
{{- fail (printf "%s: not valid JSON: %s" $source (get $map "Error")) }}
{{- end }}
{{- if not $map }}
{{- fail (printf "%s: has no entries" $source) }}
{{- end }}
{{- $hostPattern := "^(\\*|(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?)$" }}
{{- $originPattern := "^(\\*|https?://(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?)$" }}
{{- range $host, $route := $map }}
{{- $why := "" }}
{{- if not (regexMatch $hostPattern $host) }}
{{- $why = "the host must be lower-case host[:port], *.suffix or *" }}
{{- else if not (kindIs "map" $route) }}
{{- $why = "must be an object with \"upstream\" and \"allowedOrigins\"" }}
{{- else if not (regexMatch "^wss?://[^\\s/?#@]+(/[^\\s#]*)?(\\?[^\\s#]*)?$" (get $route "upstream" | default "" | toString)) }}
{{- $why = "\"upstream\" is missing or not a ws:// or wss:// URL" }}
{{- else if not (and (kindIs "slice" (get $route "allowedOrigins")) (get $route "allowedOrigins")) }}
{{- $why = "\"allowedOrigins\" is missing or not a non-empty list (use [\"*\"] to allow any origin)" }}
{{- else }}
{{- range (get $route "allowedOrigins") }}
{{- if not (regexMatch $originPattern (toString .)) }}
{{- $why = printf "origin %q must be * or http(s)://host[:port], with an optional *. before the host" (toString .) }}
{{- end }}
{{- end }}
{{- end }}
{{- if $why }}
{{- fail (printf "%s: entry %q: %s" $source $host $why) }}
{{- end }}
{{- end }}
{{- toJson $map }}
{{- end }}

{{/* Object name of the SocketXRoute for one host: readable, unique through a hash suffix. */}}
{{- define "socketx-aks.routeName" -}}
{{- $base := .host | replace "*." "wildcard-" | replace ":" "-" | replace "." "-" | trunc 40 | trimSuffix "-" }}
{{- printf "%s-%s-%s" .proxy $base (sha256sum .host | trunc 8) }}
{{- end }}
