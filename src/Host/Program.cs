return await Gateway.Host.GatewayApp.RunAsync(args);
