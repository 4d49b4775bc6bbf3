namespace Daemun.OpenIdProvider;
