using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>Rules for <c>auth</c>: header auth is mutually required; every other Kong auth method is rejected
/// because a key silently not sent would look like an Anthropic outage.</summary>
internal static class AuthValidator
{
    public static void Validate(AuthConfig auth, List<ValidationResult> errors)
    {
        if ((auth.HeaderName is null) != (auth.HeaderValue is null))
        {
            AiProxyConfigValidator.Add(errors, "auth.header_name and auth.header_value must be set together",
                "auth.header_name", "auth.header_value");
        }

        if (auth.HeaderName is not null && !HeaderText.IsToken(auth.HeaderName))
        {
            AiProxyConfigValidator.Add(errors, "auth.header_name must be a valid HTTP header name", "auth.header_name");
        }

        if (auth.HeaderValue is not null && (auth.HeaderValue.Length == 0 || !HeaderText.IsValidValue(auth.HeaderValue)))
        {
            // An empty key is always a mistake (typically an unset environment variable).
            AiProxyConfigValidator.Add(errors, "auth.header_value must be a non-empty header value without control characters",
                "auth.header_value");
        }

        if (auth.ParamName is not null || auth.ParamValue is not null || auth.ParamLocation is not null)
        {
            AiProxyConfigValidator.Add(errors, "auth.param_name, auth.param_value and auth.param_location (parameter auth) " +
                "are not supported by this gateway yet; use auth.header_name and auth.header_value",
                "auth.param_name", "auth.param_value", "auth.param_location");
        }

        RejectCloud(errors, "gcp", auth.GcpUseServiceAccount || auth.GcpServiceAccountJson is not null,
            "auth.gcp_use_service_account", "auth.gcp_service_account_json");
        RejectCloud(errors, "aws", auth.AwsAccessKeyId is not null || auth.AwsSecretAccessKey is not null,
            "auth.aws_access_key_id", "auth.aws_secret_access_key");
        RejectCloud(errors, "azure", auth.AzureUseManagedIdentity || auth.AzureClientId is not null
            || auth.AzureClientSecret is not null || auth.AzureTenantId is not null,
            "auth.azure_use_managed_identity", "auth.azure_client_id", "auth.azure_client_secret", "auth.azure_tenant_id");
    }

    private static void RejectCloud(List<ValidationResult> errors, string cloud, bool isSet, params string[] members)
    {
        if (isSet)
        {
            AiProxyConfigValidator.Add(errors, $"auth.{cloud}_* (cloud identity) is not supported by this gateway yet", members);
        }
    }
}
