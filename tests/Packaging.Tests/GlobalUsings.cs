global using Gateway.Packaging.Tests.Infrastructure;
global using Gateway.TestHosting;
