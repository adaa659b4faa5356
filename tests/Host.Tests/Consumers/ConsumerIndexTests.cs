using Gateway.Host.Configuration.Model;
using Gateway.Host.Consumers;

namespace Gateway.Host.Tests.Consumers;

public sealed class ConsumerIndexTests
{
    private static readonly ConsumerEntity Alex = new() { Id = "11111111-1111-4111-8111-111111111111", Username = "alex", CustomId = "emp-1", Tags = ["a"] };
    private static readonly ConsumerEntity NoName = new() { Id = "22222222-2222-4222-8222-222222222222", CustomId = "emp-2" };

    private static ConsumerIndex Index() => new(
        [Alex, NoName],
        [
            new KeyAuthCredentialEntity { Id = "c-1", ConsumerId = Alex.Id, Key = "alex-key" },
            new KeyAuthCredentialEntity { Id = "c-2", ConsumerId = Alex.Id, Key = "alex-second-key" },
            new KeyAuthCredentialEntity { Id = "c-3", ConsumerId = NoName.Id, Key = "ключ-😀" },
            new KeyAuthCredentialEntity { Id = "c-4", ConsumerId = NoName.Id, Key = new string('k', 5000) },
        ]);

    [Theory]
    [InlineData("alex-key", "c-1", "alex")]
    [InlineData("alex-second-key", "c-2", "alex")]
    [InlineData("ключ-😀", "c-3", null)]
    public void FindByKeyAuth_KnownKey_ReturnsItsCredentialAndConsumer(string key, string credentialId, string? username)
    {
        var credential = Index().FindByKeyAuth(key);

        Assert.NotNull(credential);
        Assert.Equal((credentialId, username), (credential.Id, credential.Consumer.Username));
    }

    [Fact]
    public void FindByKeyAuth_KeyLongerThanTheStackBuffer_IsFound()
    {
        Assert.Equal("c-4", Index().FindByKeyAuth(new string('k', 5000))?.Id);
        Assert.Null(Index().FindByKeyAuth(new string('k', 4999)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("alex-ke")]
    [InlineData("alex-keyy")]
    [InlineData("ALEX-KEY")]
    [InlineData("alex-key ")]
    public void FindByKeyAuth_AnythingButTheExactKey_IsNotFound(string key)
    {
        Assert.Null(Index().FindByKeyAuth(key));
    }

    [Fact]
    public void FindByKeyAuth_TwoIndexesOfOneConfig_AgreeAlthoughEachHashesWithItsOwnSecret()
    {
        Assert.Equal(Index().FindByKeyAuth("alex-key")?.Id, Index().FindByKeyAuth("alex-key")?.Id);
    }

    [Theory]
    [InlineData("alex", "alex")]
    [InlineData("11111111-1111-4111-8111-111111111111", "alex")]
    [InlineData("22222222-2222-4222-8222-222222222222", null)]
    public void Find_ByIdOrUsername_ReturnsTheConsumer(string idOrUsername, string? username)
    {
        var consumer = Index().Find(idOrUsername);

        Assert.NotNull(consumer);
        Assert.Equal(username, consumer.Username);
    }

    [Theory]
    [InlineData("emp-1")]
    [InlineData("nobody")]
    public void Find_CustomIdOrUnknown_IsNotFound(string value)
    {
        Assert.Null(Index().Find(value));
    }

    [Fact]
    public void Consumer_FromTheIndex_CarriesTagsAndTheSameInstanceForEveryCredential()
    {
        var index = Index();

        var first = index.FindByKeyAuth("alex-key")!.Consumer;

        Assert.Same(first, index.FindByKeyAuth("alex-second-key")!.Consumer);
        Assert.Equal(["a"], first.Tags);
    }

    [Fact]
    public void CredentialEntity_ToString_NeverShowsTheKey()
    {
        var entity = new KeyAuthCredentialEntity { Id = "c-1", ConsumerId = Alex.Id, Key = "alex-key" };

        Assert.DoesNotContain("alex-key", entity.ToString(), StringComparison.Ordinal);
    }
}
